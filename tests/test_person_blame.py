"""Tests of person_blame: answers that stop at a person get a hint, systemic ones do not."""

from __future__ import annotations

import orjson
import pytest

from pmtui.analysis.person_blame import blame_matches, person_blame
from pmtui.resources import sample_files


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("The engineer forgot to renew the certificate.", "forgot"),
        ("Bob didn't check the expiry date.", "Bob didn't check"),
        ("Human error during the rotation.", "Human error"),
        ("The on-call should have looked at the dashboard.", "should have"),
        ("A careless copy-paste of the token.", "careless"),
        ("Someone missed the warning in #ops-alerts-low.", "Someone missed"),
        ("Nobody noticed the expiry warning.", "Nobody noticed"),
        ("The developer did not verify the staging run.", "The developer did not verify"),
        ("Priya failed to notice the alert.", "Priya failed to notice"),
        ("It was Sam's fault.", "Sam's fault"),
        ("They weren't paying attention to the channel.", "weren't paying attention"),
        ("The operator overlooked the Ready=False condition.", "The operator overlooked"),
    ],
)
def test_answers_that_stop_at_a_person(answer: str, phrase: str) -> None:
    found = person_blame(answer)
    assert found is not None
    assert found.phrase == phrase
    assert found.hint


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "   ",
        "The alert did not fire because no rule evaluated certmanager_certificate_ready_status.",
        "Alert routing is decided by a severity label rather than by impact.",
        "PagerDuty didn't page because the service had no escalation policy.",
        "It didn't check the served certificate, only the in-cluster one.",
        "Monitoring failed to notice TLS handshake failures below the HTTP layer.",
        "The checklist has no item for certificate lifecycle.",
    ],
)
def test_systemic_answers_get_no_hint(answer: str) -> None:
    assert person_blame(answer) is None


def test_the_sample_whys_are_blameless() -> None:
    document = orjson.loads(sample_files()[0].read_bytes())
    for chain in document["whys"]:
        for text in (chain["problem"], *chain["answers"]):
            assert person_blame(text) is None, text


def test_the_rule_never_imports_textual() -> None:
    import subprocess
    import sys

    code = "import sys, pmtui.analysis.person_blame; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "answer",
    [
        # Nobody doing something, with the system's reason for the gap: not a person's failure.
        "Nobody watched the replication lag alert because it paged a retired rota.",
        "No one watched the replication lag alert, because it paged a retired rota.",
        "No one on the rota saw the page since the alert went to an archived channel.",
        "Nobody watched the lag alert: it paged a retired rota.",
        "Nobody checked because of the noisy alert channel.",
        "There was no alert for the lag, so nobody noticed it for an hour.",
        "The runbook had no step for it, which meant nobody renewed the certificate.",
    ],
)
def test_nobody_explained_by_the_system_is_a_gap_not_blame(answer: str) -> None:
    assert blame_matches(answer) == [], answer


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        # Left unexplained, or explained by people, nobody doing it still stops at people.
        ("Nobody watched the deploy.", "Nobody watched"),
        ("Nobody checked the certificate expiry date.", "Nobody checked"),
        ("Nobody noticed the lag because nobody was looking.", "Nobody noticed"),
        ("We were all busy with the migration, so nobody noticed the lag.", "nobody noticed"),
        ("Nobody checked because of the on-call engineer.", "Nobody checked"),
    ],
)
def test_nobody_left_unexplained_or_explained_by_people_is_still_blame(
    answer: str, phrase: str
) -> None:
    assert phrase in [found.phrase for found in blame_matches(answer)]


@pytest.mark.parametrize(
    "answer",
    [
        # Nobody watching a monitoring signal is a gap in monitoring, not a person's failure:
        # the root-cause picker itself offers "monitoring — nothing watched it".
        "Consul health-check alerts looked like routine noise; nobody watched the BoltDB "
        "write metrics",
        "Nobody watched the dashboard.",
        "No one looked at the replication lag graph during the migration.",
        "Nobody monitored queue depth on the ingest workers.",
        "no one checked the error rate after the deploy",
        "Nobody on the night shift saw the disk alerts.",
        "Nobody reviewed the SLO burn rate that week.",
    ],
)
def test_nobody_watching_a_monitoring_signal_is_a_monitoring_gap(answer: str) -> None:
    assert blame_matches(answer) == [], answer
    assert person_blame(answer) is None, answer


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        # Not a signal, a clause between, an explanation by people, or a judgement: still
        # stops at people.
        ("Nobody checked the expiry date before the change.", "Nobody checked"),
        ("Nobody checked the expiry date before the alert fired.", "Nobody checked"),
        ("nobody bothered to look", "nobody bothered"),
        ("Nobody watched the metrics because we were busy.", "Nobody watched"),
        ("Nobody noticed the lag alert.", "Nobody noticed"),
    ],
)
def test_nobody_near_a_signal_but_not_watching_it_is_still_blame(answer: str, phrase: str) -> None:
    assert phrase in [found.phrase for found in blame_matches(answer)]
