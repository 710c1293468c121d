"""Provides the vague-action detector: an action item nobody could check off as done.

`vague_action(text)` gives the words that make an item vague and the kind of vagueness, each
kind with its own hint; `vague_phrase(text)` gives the words only.

What makes an item vague (the patterns, however worded):
- effort with no end: "be more careful", "raise awareness", "ensure durability", "streamline
  the pipelines", "agree on a way to release", "observe the next run";
- exploration with no deliverable: "investigate", "look into", "consider", "re-evaluate",
  "have a talk with", "check why", "conduct a review to identify bottlenecks";
- a comparative with no target: "improve monitoring", "better error handling", "a more
  descriptive name", "faster and more robust", "observability improvements";
- no object anyone can point at: "fix the bug", "add monitoring for this", "add the missing
  alerts", "define a strategy".
- more of something with no count or condition: "setup more Fluentd alerts", "add some
  monitoring", "deeper Postgres monitoring", "improved runbooks", "bring down noise even more";
- a bare standing duty: "verify backups"; a hedge: "as much as possible", "might be an option";
- telling people with nothing built: "teach the teams how to scan", "reach out to teams";
- a result with no means: "prevent add-ons from being included with other changes";
- a principle, not a change: "implement least-privilege"; a rule for people: "do not work late".
What rescues it: a clause that delivers something ("... and add an alert when ..."), a number
or threshold ("under 300 ms", "from 20 to 50", "> 90% for 5 minutes"; not a digit inside a
name such as "Traefik v2"), a named artefact after "ensure" ("ensure every hostname has an
external expiry probe"), a mechanism after "prevent"/"reduce" ("with a CI check", "a rate
limit"), or a condition saying when the thing acts ("alerts for when logs are not shipped").
The rules are heuristics over plain prose; bench/measure_guides.py measures them on real items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from pmtui.analysis import guide_model
from pmtui.analysis.subjects import words


class Vagueness(StrEnum):
    EFFORT = "effort"  # a verb without a verifiable end
    EXPLORATION = "exploration"  # a study without a deliverable
    COMPARATIVE = "comparative"  # better, more, faster: than what?
    NO_OBJECT = "no-object"  # nothing named to deliver


@dataclass(frozen=True, slots=True)
class VagueAction:
    phrase: str  # the words, as written, that make the item vague
    kind: Vagueness


HINTS: dict[Vagueness, str] = {
    Vagueness.EFFORT: (
        "This asks for effort with no end. Name what will exist when it is done and how "
        'anyone can check it, e.g. "Page the on-call when a certificate stays Ready=False '
        'for 24 hours (alert rule + runbook link)".'
    ),
    Vagueness.EXPLORATION: (
        "An investigation is not done until it produces something. Name the deliverable "
        '(a decision record, a ticket for the fix, a test) and its date, e.g. "Decide '
        'between X and Y in a written proposal by 2025-04-01".'
    ),
    Vagueness.COMPARATIVE: (
        'Better than what? Give the target and how it is measured, e.g. "p99 of /search '
        'under 300 ms on the dashboard" or "alert names say the service and the symptom".'
    ),
    Vagueness.NO_OBJECT: (
        "Name the thing to deliver, so anyone can find it: which bug (ticket), which alert "
        "(metric and threshold), which strategy (a written decision)."
    ),
}

#: The same advice in one line, said while the item is typed (the form, meeting step 5):
#: the whole hint waits in Checks.
SHORT_HINTS: dict[Vagueness, str] = {
    # Short enough for one line of the action form at 80 columns, with the phrase before.
    Vagueness.EFFORT: "has no end: say what will exist when it is done",
    Vagueness.EXPLORATION: "ends in no deliverable: name the decision or fix",
    Vagueness.COMPARATIVE: "says better, not how good: name the target and measure",
    Vagueness.NO_OBJECT: "names nothing to deliver: which bug, alert or decision?",
}

_I = re.IGNORECASE

# Effort anywhere in the item.
_EFFORT_ANYWHERE = re.compile(
    r"\b(?:be\s+more\s+(?:careful|vigilant|attentive|thorough|diligent)|try\s+harder"
    r"|pay\s+(?:more\s+|closer\s+)?attention|(?:stay|be)\s+vigilant|raise\s+awareness"
    r"|remind\s+(?:everyone|people|the\s+team|engineers|all|on-?call)"
    # Knowing or heeding, asked of people: "make sure everyone knows the failover runbook".
    r"|(?:ensure|make\s+sure)\s+(?:that\s+)?(?:everyone|everybody|people|all\s+engineers|the\s+team"
    r"|engineers|teams|on-?call(?:\s+engineers)?)\s+(?:knows?|is\s+aware|are\s+aware|understands?"
    r"|remembers?|follows?|reads?)"
    # Idioms of effort: "raise the bar on reviews", "step up our testing".
    r"|raise\s+the\s+bar|step\s+up|up\s+our\s+game|level\s+up|double\s+down|tighten\s+up"
    r"|spend(?:ing)?\s+(?:some\s+|more\s+|extra\s+|dedicated\s+)?time"
    # Steps that are not named: "has taken steps to ensure this cannot happen again".
    r"|(?:tak(?:e|en|ing)|took|implement(?:ed|ing)?|introduc(?:e|ed|ing)|put(?:ting)?\s+in\s+place"
    r"|adopt(?:ed|ing)?)\s+(?:[\w-]+\s+){0,2}?(?:steps|measures|precautions|safeguards)\s+to"
    r"\s+(?:ensure|prevent|make\s+sure|avoid|reduce|minimi[sz]e)"
    # Effort as the deliverable: "put more effort into scaling".
    r"|(?:more|extra|additional|greater)\s+(?:effort|focus|emphasis|attention)\s+(?:into|in|on|to)"
    # People told to read up: "admins should refamiliarize themselves with the policy".
    r"|(?:re-?)?familiari[sz]e\s+(?:themselves|ourselves|yourselves|yourself|everyone|the\s+team"
    r"|engineers|people|staff)"
    # Nobody named: "assign someone to be the hammer".
    r"|assign\s+(?:someone|somebody|a\s+person|an\s+owner|people)\s+to"
    # Which ones? "do some of the incident action items".
    r"|(?:some|any|a\s+few)\s+of\s+the\s+(?:[\w-]+\s+){0,2}?(?:action\s+items|items|tasks"
    r"|follow-?ups|actions|tickets)"
    # A process changed so that an outcome holds, with nothing named: "changing our internal
    # procedures to make sure the status page is updated".
    r"|(?:chang|updat|adjust|revis|refin|improv)(?:e|es|ed|ing)\s+(?:our\s+|the\s+)?"
    r"(?:[\w-]+\s+)?(?:procedures?|process(?:es)?|practices?|workflows?)\s+to\s+(?:ensure"
    r"|make\s+sure)"
    # An improvement promised in the passive: "monitoring tools will be improved to track
    # server performance", "the release process should be improved".
    r"|(?:will|should|must|shall|needs?\s+to|is\s+to|are\s+to|to)\s+be\s+(?:further\s+"
    r"|significantly\s+|greatly\s+|continuously\s+|substantially\s+)?(?:improved|enhanced"
    r"|strengthened|revisited|optimi[sz]ed|hardened|tightened|bolstered|refined|reinforced"
    r"|reworked|streamlined|re-?evaluated|reassessed|looked\s+into|made\s+more\s+[a-z]+)"
    # Training with no course named: "will receive additional training on troubleshooting".
    r"|(?:additional|more|further|extra|refresher|better)\s+training)\b",
    _I,
)
_HEDGED = re.compile(
    r"\b(?:as\s+(?:much|far|soon)\s+as\s+(?:possible|we\s+can|practical)|where(?:ever)?\s+possible"
    r"|when(?:ever)?\s+possible|if\s+possible|as\s+needed|when\s+needed|if\s+needed|as\s+appropriate"
    r"|where\s+appropriate|(?:even|much|far|a\s+lot|way|still)\s+(?:more|further|less|better)\W*$)",
    _I,
)
_EXPLORATION_ANYWHERE = re.compile(
    r"\b(?:might|could|may|would)\s+be\s+(?:an?\s+)?(?:good\s+|nice\s+|useful\s+)?(?:option"
    r"|worth|useful|helpful|good|nice|idea|alternative|solution|possibility)\b"
    r"|\bconsider(?:\s+(?:to|if|whether|how|using|adding|tracking|moving|changing))?\b"
    r"|\bthink(?:ing)?\s+about\b|\b(?:team|we)\s+discussed\b|\bfigur(?:e|ing)\s+out\s+(?:how"
    r"|why|whether|if|what)\b"
    # Which one? "switch to a different secret management strategy".
    r"|\b(?:switch|move|migrate|change|go)\s+to\s+(?:a\s+|an\s+)?(?:different|another|alternative"
    r"|new|better)\s+(?:[\w-]+\s+){0,3}?(?:strategy|approach|tool|solution|method|way|mechanism"
    r"|provider|setup|system|vendor|platform)\b"
    r"|\b(?:conduct(?:ing)?|do(?:ing)?|perform(?:ing)?|run(?:ning)?)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:review|analysis|audit|assessment|investigation)\b(?=.*\bto\s+(?:identify|find|understand))"
    # Work under way, with no end: "we're further investigating the root cause", "are working
    # to prevent this type of failure".
    r"|\b(?:we['’]re|we\s+are|are|is)\s+(?:also\s+|further\s+|actively\s+|currently\s+|still\s+"
    r"|now\s+|continuing\s+)*(?:investigating|looking\s+into|exploring|evaluating|working\s+"
    r"(?:to|on|towards?)\s+(?:prevent|improv|ensur|address|reduc|avoid|mitigat|understand"
    r"|better|mak))",
    _I,
)
# "Fix the bug", "add monitoring for this": the object is only pointed at.
_NO_OBJECT = re.compile(
    r"^(?:fix|address|resolve|solve|handle|prevent)\s+(?:the|this|that|these|those|it)"
    r"(?:\s+(?:bug|issue|problem|incident|error|failure|outage)s?)?\W*$"
    r"|\b(?:for|about|on)\s+(?:this|that|it)\W*$"
    r"|\b(?:add(?:ing)?|set(?:ting)?\s*up|creat(?:e|ing)|implement(?:ing)?|put(?:ting)?\s+in\s+place)"
    r"\s+(?:the\s+|any\s+|all\s+)?(?:missing"
    r"|necessary|needed|required|relevant|appropriate|proper|adequate|sufficient|additional)\s+"
    r"(?:[\w-]+\s+)?(?:alert(?:s|ing)?|monitoring|checks?|tests?|metrics|logging|documentation"
    r"|docs|dashboards?|safeguards?|guardrails?|controls?|validation|mechanisms?|measures)\b"
    r"|\b(?:define|establish|develop|agree\s+on|decide\s+on|come\s+up\s+with|formulate|find)"
    r"\s+(?:an?\s+|the\s+|our\s+)?(?:[\w-]+\s+){0,4}?(?:strategy|approach|plan|way|guidelines?"
    r"|mindset|vision|principles?|measures|mechanisms?|framework)\b",
    _I,
)
# "Setup more Fluentd alerts", "add some monitoring": how many, and for what?
_MORE_OF = re.compile(
    r"^(?:add(?:ing)?|set\s*up|setting\s+up|create|creating|implement(?:ing)?|introduc(?:e|ing)"
    r"|get|have|need|write|writing|build(?:ing)?)\s+(?:more|some|additional|extra|further|better"
    r"|proper|adequate|sufficient|enough"
    # ("detailed runbooks for ArgoCD rollbacks with permission steps" names what is in them)
    r"|(?:detailed|comprehensive|stricter|enhanced|improved|robust|thorough|extensive|deeper)"
    r"(?![^.;]*\b(?:with|covering|including|for\s+[\w-]+\s+[\w-]+,)\b))\s+(?:[\w-]+\s+){0,2}?"
    r"(?:alerts?|alerting|monitoring|tests?|testing|checks?|metrics|logging|logs|dashboards?"
    r"|runbooks?|documentation|docs|coverage|observability|safeguards?|guardrails?|validation"
    r"|process(?:es)?|reviews?)\b",
    _I,
)
# A process or its documents revised with nothing named: "Update post mortem documentation",
# "Refine the incident process", "update guidelines for clarity"; "Update the runbook with
# the failover steps" names what changes, and so does any item that goes on.
_REVISION = re.compile(
    r"^(?:updat|refin|revis|revamp|overhaul|rework|refresh|rethink)(?:e|es|ed|ing)?\s+"
    r"(?:the\s+|our\s+|all\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:process(?:es)?"
    r"|procedures?|guidelines?|documentation|docs|polic(?:y|ies)|practices?|approach|strategy"
    r"|workflows?)(?:\s+for\s+(?:[\w-]+\s+)?(?:clarity|completeness|consistency|accuracy"
    r"|readability|quality)(?:\s+and\s+[\w-]+)?|,\s*taking\s+[\w\s]+)?\W*$",
    _I,
)
# A condition that says when the thing acts: "alerts for when logs are not shipped".
_CONDITION = re.compile(
    r"\b(?:when|whenever|if|unless|once|above|below|exceed\w*|threshold|that\s+(?:fires?|pages?"
    r"|alerts?|blocks?|fails?|checks?|runs?|catch(?:es)?))\b",
    _I,
)
# A standing duty with a bare object and no when, where or how: "verify backups".
_BARE_DUTY = re.compile(
    r"^(?:verify|check|test|validate|audit|review|monitor|watch|inspect|double-check)\s+"
    r"(?:the\s+|our\s+|all\s+|every\s+)?(?:[\w-]+\s+){0,2}[\w-]+"
    # (a frequency is an end: "verify backup restores weekly")
    r"(?<!daily)(?<!weekly)(?<!monthly)(?<!quarterly)(?<!nightly)(?<!hourly)\W*$",
    _I,
)
# A concrete change whose relative clause says what it is for: "deploy the Nomad enhancements
# that make it easier to ...": the comparative describes the purpose, not the deliverable.
_PURPOSE_AFTER_CHANGE = re.compile(
    r"^(?:deploy|ship|roll\s+out|release|merge|enable|add|create|build|write|install|upgrade"
    r"|migrate|replace|switch|update|set|configure|rename)\s+(?:[\w'’./-]+\s+){1,6}?(?:that|which"
    # "update PS1 across all hosts to more clearly differentiate ...", not "change the path to
    # something more robust"
    r"|so\s+that|to\s+make|to(?=\s+(?!something|somewhere|anything|an?\b|the\b)[a-z]))\b",
    _I,
)
# A digit that counts or measures: not one inside a name ("Traefik v2", "S3", "EC2").
_QUANTITY = re.compile(r"(?<![A-Za-z\d.-])\d")
# The item's own title, as in "Redis isolation: Investigating decoupling ...".
_LABEL = re.compile(r"^\s*[A-Z][\w/&()' -]{0,60}?:\s+(?=\S)")
# "We should", "Team to", "TODO:", "If possible" say nothing about the deliverable.
_PREFIX = re.compile(
    r"^\W*(?:(?:todo|action|ai)\s*:\s*)?(?:(?:if|where|when)\s+possible,?\s+|ideally,?\s+)?"
    r"(?:(?:we|the\s+team|team|everyone|engineers|people|devs|on-?call)\s+(?:should|must"
    r"|need\s+to|will|to|have\s+to|(?:might|may)\s+need\s+to|ought\s+to)\s+"
    r"|(?:should|must|need\s+to)\s+|it(?:['’]s|\s+is)\s+(?:important|essential|crucial"
    r"|vital|necessary)\s+to\s+"
    # A commitment in prose: "We'll be re-evaluating", "We are now conducting a review of",
    # "we will endeavor to meaningfully improve": the verb after it is the item's verb.
    r"|we(?:['’]ll|['’]re|\s+are\s+going\s+to|\s+plan\s+to|\s+intend\s+to|\s+are|\s+have)\s+"
    r")?"
    r"(?:(?:(?<=will\s)|(?<=['’]ll\s)|(?<=are\s)|(?<=have\s)|(?<=['’]re\s))"
    r"(?:(?:now|already|also|since|then)\s+|be\s+(?=[a-z]+ing\b)|been\s+(?=[a-z]+ing\b))*"
    r"(?:(?:endeavou?r|seek|attempt|strive)\s+to\s+)?(?:[a-z]+ly\s+(?=[a-z]))?)?",
    _I,
)
_EXPLORATION_LEAD = re.compile(
    r"(?:look(?:ing)?\s+into|investigat(?:e|ing)|consider(?:ing)?|review(?:ing)?|revisit(?:ing)?"
    r"|re-?evaluat(?:e|ing)|reconsider(?:ing)?|rethink(?:ing)?|explor(?:e|ing)"
    r"|think(?:ing)?\s+about|discuss(?:ing)?|evaluat(?:e|ing)|assess(?:ing)?|research(?:ing)?"
    r"|analy[sz](?:e|ing)|check(?:ing)?\s+(?:on|into|why|whether|if|how)|follow(?:ing)?\s+up"
    r"(?:\s+(?:on|with))?|figur(?:e|ing)\s+out|find(?:ing)?\s+out|understand(?:ing)?"
    r"|learn(?:ing)?\s+more|talk(?:ing)?\s+(?:to|with|about)|sync(?:ing)?\s+(?:with|on|about)"
    r"|have\s+an?\s+(?:talk|discussion|conversation|meeting|chat)"
    r"|identify(?:ing)?|determin(?:e|ing)|reflect(?:ing)?(?:\s+on)?|brainstorm(?:ing)?"
    # A research spike, a trial: "Spike into Amazon Managed Prometheus", "Try 'Prevent
    # destroy' on the zone"; "try to" is effort, below.
    r"|spik(?:e|ing)(?:\s+(?:on|into|out))?|tr(?:y|ying)(?!\s+to\b)|experiment(?:ing)?(?:\s+with)?"
    r"|(?:continue|keep)\s+(?:investigating|looking|exploring|researching|evaluating)"
    r"|propos(?:e|ing)(?!\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:rfc|adr|design|document|doc"
    r"|decision))"
    r"|look(?:ing)?\s+at|(?:find|explore|evaluate)\s+ways"
    r"|(?:take|have)\s+a\s+(?:look|think|peek|closer\s+look)|tak(?:e|ing)\s+a\s+stab"
    r"|(?:schedul(?:e|ing)|set(?:ting)?\s+up|hold(?:ing)?|organi[sz](?:e|ing)|book(?:ing)?|plan"
    r"|arrang(?:e|ing))\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:discussion|meeting|session|talk"
    r"|call|workshop|chat|retro(?:spective)?|conversation|sync)"
    r"|ask(?:ing)?\s+(?:[\w-]+\s+){1,4}?(?:if|whether|about|how|why|what|which)"
    # A study as the deliverable: "conducting a detailed review of", "check the feasibility".
    r"|(?:conduct(?:ing)?|perform(?:ing)?|carry(?:ing)?\s+out|undertak(?:e|ing)|do(?:ing)?)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:review|analysis|audit|assessment|investigation"
    r"|evaluation|study)\s+(?:of|into|on)"
    r"|check(?:ing)?\s+(?:the\s+)?(?:possibility|feasibility|options?|viability)\b"
    r"|(?:investigation|exploration|evaluation|assessment|review|analysis|research"
    r"|consideration|discussion|study)\s+(?:of|into|on|about))\b",
    _I,
)
_EFFORT_LEAD = re.compile(
    r"(?:work(?:ing)?\s+(?:on|towards?|with)|focus(?:ing)?\s+on|prioriti[sz](?:e|ing)|try\s+to"
    r"|continue\s+to|aim\s+to|strive\s+to|keep(?:ing)?\s+an\s+eye\s+on|monitor\s+(?:closely|more)"
    r"|observ(?:e|ing)|watch(?:ing)?|be\s+(?:more\s+)?[a-z]+|educat(?:e|ing)|train(?:ing)?\s+"
    r"(?:the\s+)?(?:team|engineers|people|staff)|encourag(?:e|ing)|promot(?:e|ing)"
    r"|take\s+care|agree(?:ing)?(?:\s+on)?|align(?:ing)?(?:\s+on)?|streamlin(?:e|ing)"
    r"|simplif(?:y|ying)|harden(?:ing)?|strengthen(?:ing)?|optimi[sz](?:e|ing)|clarif(?:y|ying)"
    r"|re-?work(?:ing)?|revamp(?:ing)?|overhaul(?:ing)?"
    # Tuning with no target: "adjust monitoring thresholds", "tune the HTTP client".
    r"|(?:adjust(?:ing)?|(?:fine-?)?tun(?:e|ing)|tweak(?:ing)?)(?![^.;]*\b(?:to|so\s+that)\s)"
    r"|speed(?:ing)?\s+up"
    r"|(?:ensur(?:e|ing)|mak(?:e|ing)\s+sure)(?:\s+that)?"
    # Telling people, with nothing built: "teach the teams how to scan", "reach out to teams".
    r"|(?:teach(?:ing)?|coach(?:ing)?|mentor(?:ing)?|upskill(?:ing)?|remind(?:ing)?|advis(?:e|ing)"
    r"|inform(?:ing)?|tell(?:ing)?)\s+(?:the\s+|our\s+|all\s+|every\s+)?(?:[\w-]+\s+)?(?:teams?"
    r"|engineers?|developers?|devs|people|staff|owners?|everyone|users|colleagues|operators)"
    r"|reach(?:ing)?\s+out|ask(?:ing)?\s+(?:[\w-]+\s+){1,3}?to"
    # Bringing people in, with nothing built: "involve a multidisciplinary team in ...".
    r"|(?:involv|includ)(?:e|ing)\s+(?:the\s+|an?\s+|all\s+|relevant\s+|more\s+)?(?:[\w-]+\s+)?"
    r"(?:teams?|people|stakeholders|engineers|everyone|specialists|experts|owners)\s+in\b"
    # A result with no means: "prevent add-ons from being included", "reduce alert noise".
    r"|(?:prevent(?:ing)?|avoid(?:ing)?|reduc(?:e|ing)|minimi[sz](?:e|ing)|mitigat(?:e|ing)"
    r"|eliminat(?:e|ing)|lessen(?:ing)?|bring(?:ing)?\s+down)(?=.*$)"
    # Improvement as a thing: "development of specialized tooling".
    r"|(?:development|improvement|enhancement|optimi[sz]ation|streamlining|hardening"
    r"|strengthening)\s+of"
    # A principle, not a change: "implement least-privilege".
    r"|(?:implement(?:ing)?|adopt(?:ing)?|apply(?:ing)?|introduc(?:e|ing)|establish(?:ing)?"
    r"|enforc(?:e|ing)|embrac(?:e|ing)|follow(?:ing)?|practi[cs](?:e|ing))\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:principle\s+of\s+)?(?:least[\s-]privilege|best[\s-]practices?|zero[\s-]trust"
    r"|defen[cs]e[\s-]in[\s-]depth|(?:good\s+|security\s+|operational\s+)?hygiene|culture"
    r"|governance|discipline|ownership|mindset|accountability)"
    # Doing more of the same: "keep monitoring the situation", "continue improving".
    r"|(?:keep|continue)\s+[a-z]+ing"
    # Tidying with no list: "clean up old feature flags".
    r"|clean(?:ing)?\s+up|tidy(?:ing)?(?:\s+up)?|prun(?:e|ing)|declutter(?:ing)?"
    # A rule for people with no mechanism: "do not work late!"
    r"|(?:do\s+not|don['’]t|never|stop)\s+[a-z]+)\b",
    _I,
)
_IMPROVE_LEAD = re.compile(
    r"(?:improv(?:e|ing)|enhanc(?:e|ing)|better|increas(?:e|ing)|boost(?:ing)?|expand(?:ing)?"
    r"|more|add(?:ing)?\s+more|clear|proper|good|regular|consistent"
    # An adjective of degree before a noun ("deeper Postgres monitoring", "improved runbooks");
    # "Improved the ..." is a finished change, a verb with its object.
    r"|(?:deeper|improved|enhanced|increased|further|stronger|tighter|stricter|broader|wider"
    r"|greater|comprehensive|careful|speciali[sz]ed|continuous|thorough|robust|extended"
    r"|extra|some)(?!\s+(?:the|a|an|our|its|their|this|that|these|those)\b))\b",
    _I,
)
# Comparatives that need a target: "a more descriptive name", "faster and more robust".
_COMPARATIVE = re.compile(
    r"\b(?:more|less)\s+(?:robust|reliable|resilient|descriptive|generic|specific|visible"
    r"|detailed|comprehensive|accurate|frequent|careful|efficient|effective|consistent|secure"
    r"|stable|scalable|thorough|proactive|responsive|useful|actionable|sustainable|mature"
    r"|granular|meaningful|aggressive|conservative|informative|readable|intuitive|flexible"
    r"|predictable|automated|rigou?rous|resistant"
    # and the adverbs: "communicate changes more clearly"
    r"|clearly|quickly|carefully|often|frequently|closely|effectively|proactively|consistently"
    r"|thoroughly|reliably|efficiently|visibly)\b"
    r"|\b(?:easier|faster|safer|simpler|clearer|quicker|stronger|smoother|cleaner|sturdier|better)\b"
    r"(?!\s+than\s+\d)|\bimprovements?\b(?!\s+(?:of|to|in)\s+\S*\d)",
    _I,
)
# Qualities rather than things: "improve monitoring" can be done forever without finishing.
_GENERIC = words(
    "monitoring alerting alerts observability testing tests coverage documentation docs "
    "communication communications process processes reliability resilience robustness "
    "stability tooling visibility awareness quality performance security training "
    "onboarding handover handoff runbooks dashboards logging metrics response procedures "
    "practices culture ownership checks validation automation coordination alignment "
    "handling collaboration oversight understanding durability deployment deployments "
    "alerting tooling rollouts releases reviews backups hygiene"
)
# A clause that does deliver something rescues a vague start ("Investigate the 401s and add
# an alert when DNS-01 challenges fail").
_DELIVERS = re.compile(
    # "ability to release", "how to scan" or "ways to reduce" names no step of the item's own.
    r"(?:\band\s+(?:then\s+)?|;\s*|,\s*(?:then\s+)?|\bthen\s+|(?<!ability\s)(?<!able\s)"
    r"(?<!how\s)(?<!ways\s)\bto\s+|:\s*|\bby\s+)"
    r"(?:add|adding|create|write|build|implement|page|alert|route|automate|migrate|move|remove"
    r"|delete|replace|enable|disable|set|configure|block|require|enforce|document|publish"
    r"|ship|deploy|roll\s+out|schedule|rotate|upgrade|cap|limit|rename|split|fix|patch"
    r"|script|probe|backfill|decommission|introduce|switch|reduce|lower|raise|run|link"
    r"|record|file|open|draft|produce|deliver|propose|decide|land|merge|release|include|show"
    r"|name|list|reconcile|restore|pin|lock|tag|encrypt|revoke|retire|archive|restrict|gate"
    r"|notify|convert|port|expose|emit|export|alarm|test|verify)\b",
    _I,
)
# A number that sets a target or a threshold: "under 300 ms", "from 20 to 50", "> 90%".
_MEASURABLE = re.compile(
    r"\b\d{1,2}\s*s\b|\d+(?:\.\d+)?\s*(?:%|ms\b|sec|min|minutes?\b|hours?\b|h\b|days?\b|weeks?\b|x\b"
    r"|[kmg]b\b|rps\b|qps\b|times\b|retries\b|replicas\b)|[<>≤≥]=?\s*\d|\b(?:from|to|under"
    r"|below|above|over|within|at\s+most|at\s+least)\s+\d|#\d+|\b[A-Z]{2,}-\d+\b|==",
    _I,
)
# After "ensure", a named artefact or setting makes the item checkable.
_ARTEFACT = re.compile(
    r"\b(?:alerts?|probes?|tests?|checks?|runbooks?|dashboards?|pages?|paging|configured|lint"
    r"|ci|pipeline\s+step|gate|lock|limit|flag|script|rule|channel|board|ticket|rate[\s-]limit\w*"
    r"|circuit[\s-]breakers?|limits|quotas?|throttl\w*|guards?|linter|hooks?|policy|policies"
    r"|admission|webhook|validation|timeout|retries|backoff|schedule|cron)\b",
    _I,
)


_MEANS_LEADS = ("ensur", "make", "making", "prevent", "avoid", "reduc", "minimi", "mitigat",
                "eliminat", "lessen", "bring")  # fmt: skip
# The means by which a result is reached: "prevent X with a CI check", "reduce Y by capping".
_MECHANISM = re.compile(
    r"\b(?:by|via|using|through)\s+[\w-]+|\bwith\s+(?:an?|the)\s+[\w-]+|\b(?:rate[\s-]limit\w*"
    r"|circuit[\s-]breakers?|limits?|quotas?|throttl\w*|guards?|linter|lint|hooks?|policy"
    r"|policies|admission|webhook|validation|timeouts?|retries|backoff|locks?|gates?|checks?"
    r"|tests?|probes?|caps?)\b",
    _I,
)
# A question is not a deliverable: "Can we use ACM instead of Letsencrypt?", "How would the
# team escalate a major incident".
_QUESTION = re.compile(
    r"^(?:how|why|whether|something\s+about)\b|^(?:is|are)\s+[a-z]+ing\b"
    r"|^(?:what|which|who|where|is|are|can|could|should|would|do|does|did|will|shall)\b"
    r"[^?\"“”]*\?\W*$",
    _I,
)
# "regular" or "periodic" with no period given: "conduct regular auditing".
_UNSCHEDULED = re.compile(
    r"(?<![\"“'‘])\b(?:regular(?:ly)?|periodic(?:al)?(?:ly)?|routine(?:ly)?|ongoing)\b"
    r"(?![^.;]*\b(?:daily|weekly|monthly|quarterly|yearly|annually|nightly|hourly|every|each"
    r"|per|once|twice|cron|schedule[ds]?)\b)",
    _I,
)
_UNTIL = re.compile(r"\buntil\b", _I)
# A dash, semicolon or bracket before a second thought.
_AFTERTHOUGHT = re.compile(r"(?:\s[-–—]\s|;|\()\s*(?:[\w'’-]+\s+){0,2}$")


def _untitled(text: str) -> str:
    """The item without its title and list mark: "Redis: Should we ...?" asks "Should we"."""
    label = _LABEL.match(text)
    rest = text[label.end() :] if label else text
    return rest.lstrip("✅✔☑️-*• ")


def _body(text: str) -> str:
    """The item without its title and lead-in: what the verb of the deliverable starts."""
    rest = _untitled(text)
    return rest[_PREFIX.match(rest).end() :]  # type: ignore[union-attr]  # matches always


def _improve(rest: str) -> str:
    improve = _IMPROVE_LEAD.match(rest)
    if not improve or _DELIVERS.search(rest, improve.end()) or _QUANTITY.search(rest):
        return ""
    following = list(re.finditer(r"[A-Za-z-]+", rest[improve.end() :]))[:4]
    for word in following:
        if word.group(0).lower() in _GENERIC:
            return rest[: improve.end() + word.end()]
    if re.match(r"improv|enhanc|better", improve.group(0), _I) and not re.search(
        r"\bwith\b", rest[improve.end() :], _I
    ):
        return " ".join(rest.split()[:3])  # "Enhance the dashboard": than what?
    return ""


def _effort(rest: str, text: str) -> VagueAction | None:
    lead = _EFFORT_LEAD.match(rest)
    if not lead or _DELIVERS.search(rest, lead.end()):
        return None
    # After "ensure", a named artefact makes the item checkable; after "prevent" or "reduce",
    # the mechanism that will do it ("reduce alert noise" names none).
    opening = lead.group(0).lower()
    if opening.startswith(("ensur", "make", "making")) and _ARTEFACT.search(rest, lead.end()):
        return None
    if opening.startswith(_MEANS_LEADS) and _MECHANISM.search(text):
        return None
    return VagueAction(lead.group(0), Vagueness.EFFORT)


def _study_delivers(rest: str, start: int) -> bool:
    """Whether a study names its own deliverable after `start`: "investigate X and add an
    alert". What a way would do is still the study's question: "determine if there is a way
    to block merges"."""
    found = _DELIVERS.search(rest, start)
    while found and rest[: found.start()].lower().endswith("way "):
        found = _DELIVERS.search(rest, found.end())
    if found is not None:
        return True
    # An end the study stops at, named by what shows it: "investigate the regression until
    # the crash reproduces in a unit test" (mock 37b).
    until = _UNTIL.search(rest, start)
    return until is not None and _ARTEFACT.search(rest, until.end()) is not None


def _by_shape(rest: str) -> VagueAction | None:
    """Vagueness in how the item opens: a study, "more X", a bare duty, an improvement."""
    lead = _EXPLORATION_LEAD.match(rest)
    if lead and not _study_delivers(rest, lead.end()):
        return VagueAction(lead.group(0), Vagueness.EXPLORATION)
    more = _MORE_OF.match(rest)
    if more and not _CONDITION.search(rest, more.end()):
        return VagueAction(more.group(0), Vagueness.COMPARATIVE)
    if _REVISION.match(rest):
        return VagueAction(rest.rstrip(".!"), Vagueness.EFFORT)
    if _BARE_DUTY.match(rest):
        return VagueAction(rest.rstrip(".!"), Vagueness.EFFORT)
    improve = _improve(rest)
    return VagueAction(improve, Vagueness.COMPARATIVE) if improve else None


def _anywhere(rest: str, text: str) -> VagueAction | None:
    """Vagueness anywhere in the item, unless the item's own deliverable comes first."""
    for pattern, kind in (
        (_EXPLORATION_ANYWHERE, Vagueness.EXPLORATION),
        (_NO_OBJECT, Vagueness.NO_OBJECT),
        (_COMPARATIVE, Vagueness.COMPARATIVE),
    ):
        found = pattern.search(text)
        if not found or (kind is Vagueness.COMPARATIVE and _QUANTITY.search(text)):
            continue
        if (
            kind is Vagueness.COMPARATIVE
            and _PURPOSE_AFTER_CHANGE.match(rest)
            and found.start() >= text.find(rest)
        ):
            continue  # "deploy the enhancements that make it easier to ...": what it is for
        before = text[: found.start()]
        if _AFTERTHOUGHT.search(before) and _ARTEFACT.search(before):
            continue  # "Set up alerts for X - consider monitoring Y too": the item is the alerts
        return VagueAction(found.group(0).strip(), kind)
    hedged = _HEDGED.search(text)
    return VagueAction(hedged.group(0).strip(), Vagueness.EFFORT) if hedged else None


def rule_vague_action(text: str) -> VagueAction | None:
    """What the hand rules alone find vague in an action item, before the model's verdict."""
    if _MEASURABLE.search(text):
        return None
    found = _EFFORT_ANYWHERE.search(text)
    if found:
        return VagueAction(found.group(0), Vagueness.EFFORT)
    rest = _body(text)
    # Before the lead-in is taken off: "Should we keep ...?" asks, it does not say "we should".
    for question in (_untitled(text), rest):
        if _QUESTION.search(question):
            # the question's opening words, as the note quotes them: "Can we use"
            return VagueAction(" ".join(question.split()[:3]), Vagueness.EXPLORATION)
    unscheduled = _UNSCHEDULED.search(text)
    if unscheduled and not (_CONDITION.search(text) or _DELIVERS.search(text) or "+" in text):
        return VagueAction(unscheduled.group(0), Vagueness.EFFORT)
    return _by_shape(rest) or _effort(rest, text) or _anywhere(rest, text)


def rule_kind(text: str, found: VagueAction | None) -> str:
    """What the hand rules say of an item, as the model reads it: the kind of vagueness they
    found, "measurable" when a number or threshold rescued it, or ''."""
    if found:
        return found.kind.value
    return "measurable" if _MEASURABLE.search(text) else ""


@lru_cache(maxsize=4096)
def vague_action(text: str) -> VagueAction | None:
    """What makes an action item vague, or None when it names a checkable deliverable.

    Flagged when a high-precision rule fires or the learned model's score passes its
    threshold; a weaker rule's finding ("better …") stands only with the model's agreement.
    """
    found = rule_vague_action(text)
    kind = rule_kind(text, found)
    if (found and guide_model.strong_vague_rule(kind, text)) or not guide_model.available():
        return found
    flagged, _ = guide_model.vague_contributions(text, kind)
    if not flagged:
        return None
    if found:
        return found
    start, end, model_kind = guide_model.vague_flag_place(text)
    return VagueAction(text[start:end], Vagueness(model_kind))


def vague_note(text: str) -> str:
    """'⚠ “Look into” ends in no deliverable: …' for a vague action item, '' otherwise."""
    found = vague_action(text)
    return f"⚠ “{found.phrase}” {SHORT_HINTS[found.kind]}" if found else ""


def vague_phrase(text: str) -> str:
    """The words that make an action item vague, or '' when it names a deliverable."""
    found = vague_action(text)
    return found.phrase if found else ""
