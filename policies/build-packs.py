#!/usr/bin/env python3
"""Writes the shipped packs (policies/<id>.json) from clauses.py and the rule
table below.  The packs are the product: this script only keeps the six of
them consistent.  A council writing its own pack edits JSON directly
(policies/README.md).  Run from policies/: python3 build-packs.py"""
import json, sys
sys.path.insert(0, ".")
from clauses import CLAUSES, SEEDS

ALL = ["post", "comment", "message", "profile", "group"]
CONTENT = ["post", "comment", "message", "group"]

PARTY = r"(?:labour|tory|tories|conservatives?|the\s+conservative\s+party|lib\s*dems?|liberal\s+democrats?|greens?|green\s+party|reform(?:\s+uk)?|ukip|snp|plaid(?:\s+cymru)?|brexit\s+party|workers\s+party|(?:[\w\-]+\s+)?independents?)"

TARGETS = {
    "org": [
        r"\b(?:the|this|our|my|your|their|bloody|useless|fucking|f\*+ing)\s+(?:[\w\-]+\s+){0,2}council(?:'s)?\b(?!\s+(?:tax|house|houses|estate|flat|flats|estates|housing|tenant|tenants|meeting|elections?|chamber|offices?|website|app|tip|gym|depot))",
        r"\bcouncil\s+(?:officers?|staff|bosses|management|managers|leaders|leadership|chiefs|execs?|executives|workers|employees|officials|pen\s*pushers|jobsworths|lot|social\s+workers|planners|housing\s+officers|wardens)\b",
        r"\b(?:senior|middle|upper)\s+management\b", r"\bmanagement\b", r"\bsenior\s+leadership(?:\s+team)?\b", r"\b(?:slt|smt|clt)\b",
        r"\bthe\s+powers\s+that\s+be\b", r"\btown\s+hall\b", r"\bcivic\s+(?:centre|offices)\b",
        r"\bthe\s+(?:chief\s+exec(?:utive)?|top\s+brass|execs|bosses|directors)\b", r"\b(?:housing|planning|highways|bins?|waste|parks|benefits|revenues|licensing|env(?:ironmental)?\s+health|social\s+services|children's\s+services|adult\s+social\s+care|customer\s+services|contact\s+centre|hr|it)\s+(?:department|dept|team|office|lot|people|service|services)\b",
        r"\bsocial\s+workers\b", r"\bcouncil\b(?!\s+(?:tax|house|houses|estate|estates|flat|flats|housing|tenants?|meeting|elections?|chamber|website|app|tip|gym|depot|laptop|offices?))",
        r"\bthis\s+place\b", r"\bthis\s+shower\b", r"\bthis\s+lot\b",
        # informal forms ("<Town> BC" comes from the org profile's name, in the engine)
        r"\bcounty\s+hall\b", r"\bthe\s+(?:local\s+)?authority\b",
        r"\b(?:leadership|exec(?:utive)?)\s+team\b", r"\b(?:upstairs|top\s+floor|head\s+office)\s+(?:lot|mob|crew|bods|people)\b", r"\bthe\s+suits\b", r"\b(?:geniuses|powers|brains|suits|bosses|lot|people|bods)\s+upstairs\b",
    ],
    "colleagues": [
        r"\b(?:my|our|the)\s+(?:\w+\s+)?(?:colleagues?|co-?workers?|team\s*mates?|workmates?|staff|team)\b",
        r"\bpeople\s+i\s+work\s+with\b", r"\b(?:the\s+)?new\s+(?:girl|guy|starter|lad|admin|apprentice)\b",
        r"\b(?:she|he)\s+(?:in|from)\s+(?:accounts|payroll|hr|housing|planning|reception|admin|legal)\b",
        # a person placed in the workplace: "Sandra from accounts", "the lad on reception"
        r"\b(?!(?:police|someone|somebody|post|letter|parcel|form|forms|it|that|this|queue|phone|calls?|emails?|nothing|everything|anything|something|problem|issue|fire|leak|meeting|training|is|was|are|were)\b)[\p{L}']+\s+(?:from|in|on|at)\s+(?:the\s+)?(?:accounts|payroll|hr|housing|planning|reception|admin|legal|finance|facilities|it\s+support|the\s+helpdesk|customer\s+services|contact\s+centre|the\s+front\s+desk)\b",
        r"\b(?:whoever|someone|somebody|one\s+of\s+them|one\s+of\s+the\s+(?:team|lads|girls|admin))\s+(?:in|on|from)\s+(?:the\s+)?(?:office|team|department|dept|reception|depot)\b",
    ],
    "managers": [
        r"\b(?:my|our|the|his|her|their|ma|me|mah|wor|oor|r)\s+(?:\w+\s+)?(?:manager|boss|gaffer|line\s+manager|supervisor|team\s+leader|director|head\s+of\s+service|service\s+manager)s?\b",
        r"\bmanagers\b", r"\bbosses\b",
    ],
    "councillors": [
        r"\bcouncill?ors?\b", r"\bcllrs?\b", r"\bthe\s+mayor\b", r"\bcabinet\s+members?\b", r"\bleader\s+of\s+the\s+council\b",
    ],
    "public": [
        r"\b(?:residents|customers|clients|service\s+users|tenants|claimants|the\s+public|members\s+of\s+the\s+public|locals|families|parents|mums|dads|carers|applicants|callers|visitors|taxpayers|benefit\s+claimants|rough\s+sleepers|asylum\s+seekers|refugees|travellers|people\s+on\s+(?:the|this|that)\s+estate|people\s+round\s+here|people\s+(?:who|that)\s+(?:ring|call|come\s+in|phone|complain))\b",
        r"\b(?:this|that|one|a|the)\s+(?:customer|resident|client|tenant|claimant|service\s+user|caller|family|complainant|applicant)\b",
        r"\bfamilies\s+(?:on|at|up|in)\b", r"\b(?:estate|site)\b", r"\bpeople\s+i\s+(?:deal|work)\s+with\b",
        r"\b(?:mums|dads|parents|kids|families|tenants)\s+(?:at|on|in|up|from)\s+the\b",
    ],
    # what a council decides about: its buildings, services, staff and papers
    "council_business": [
        r"\b(?:committee|cabinet|scrutiny|full\s+council|depot|librar(?:y|ies)|leisure\s+centres?|children's\s+centres?|care\s+homes?|day\s+centres?|youth\s+(?:centre|club|service)|tip|recycling\s+centre|museum|swimming\s+baths|pool|civic\s+centre|town\s+hall|council\s+offices|offices|service|services|department|dept|directorate|team|staff|posts|jobs|roles|contract|tender|budget|pay\s+(?:offer|award|deal|rise)|restructure|report|planning\s+application|application|consultation|ofsted|inspection|audit|office|revenues|benefits|housing|planning|highways|bins|case|cases|caseload|complaint|complaints|ombudsman|cuts|redundanc(?:y|ies)|tenants?|residents|schools?)\b",
    ],
    "service_users": [],
    "suppliers": [],
    "partners": [],
    "person": [r"\byou\b", r"\byour\b", r"\byou're\b", r"\bya\b", r"\bu\b", r"(?<![\w@])@\w+"],
    "place": [r"\b(?:on|at|in|up|off)\s+(?:the\s+)?[\p{L}']+\s+(?:rise|road|lane|street|close|avenue|way|drive|court|bank|park|green|hill|crescent|grove|gardens|terrace|estate|fold|croft|mews|walk|view)\b"],
}

def one_scan(patterns):
    """Patterns without a common required literal, matched in one scan of
    the item instead of one scan each (the engine's cost is per pattern)."""
    return ["|".join("(?:" + p + ")" for p in patterns)]

def r(id, category, severity, kinds, summary, match, cites):
    return {"id": id, "category": category, "severity": severity, "kinds": kinds,
            "summary": summary, "match": match, "cites": cites}

INSULT_GROUPS = ["insult", "contempt", "profanity", "racial", "sexuality", "disability", "religion", "sexual"]

THREATS = [
    r"\bi\s+know\s+where\s+(?:you|u|ya|he|she|they)\s+(?:live|lives|work|works|park|parks|go|drink)\b",
    r"\bwatch\s+(?:your|ur|yer|his|her)\s+back\b",
    r"\b(?:you'll|you\s+will|u\s+will|ull|he'll|she'll|they'll)\s+(?:regret\s+(?:it|this|that|the\s+day|crossing|messing|complaining|reporting|ever)|pay\s+for|be\s+sorry)\b",
    r"\b(?:i'll|i\s+will|ill|we'll|we\s+will|gonna|going\s+to)\s+(?:get|find|hurt|kill|smash|batter|sort|deal\s+with|end|ruin|destroy|expose|finish|do)\s+(?:you|u|ya|him|her|them)\b",
    r"\b(?:coming|come)\s+for\s+(?:you|u|ya)\b", r"\b(?:you're|you\s+are|ur)\s+(?:dead|finished|done\s+for)\b",
    r"\bkill\s+yourself\b", r"\bkys\b", r"\bneck\s+yourself\b",
    r"\bwait\s+(?:till|until|til)\s+i\s+(?:see|get|catch)\s+(?:you|u|ya)\b",
    r"\bsee\s+what\s+happens\b", r"\blast\s+warning\b(?![\s,:]+(?:lads|all|everyone|folks|guys|team|people))", r"\bfinal\s+warning\b(?![\s,:]+(?:lads|all|everyone|folks|guys|team|people))", r"\bor\s+else\b",
    r"\b(?:brick|petrol|acid)\s+through\s+(?:your|his|her|their)\b", r"\bthrough\s+(?:your|his|her|their)\s+window\b",
    r"\b(?:i've|i\s+have)\s+been\s+(?:watching|following)\s+(?:you|u|ya|her|him)\b",
    r"\bi\s+(?:saw|seen)\s+(?:you|u|ya)\s+(?:at|in|outside|leaving)\b.{0,40}\b(?:again|every|know)\b",
    r"\b(?:tell|show)\s+everyone\s+(?:about|what)\b", r"\bdrop\s+(?:the|your)\s+(?:grievance|complaint|claim|case|appeal)\b",
    r"\b(?:withdraw|retract)\s+(?:the|your)\s+(?:grievance|complaint|statement|evidence)\b",
    r"\b(?:keep|shut)\s+(?:your|ur)\s+(?:mouth|gob)\s+shut\b", r"\bshut\s+(?:your|ur)\s+(?:mouth|gob)\b",
    r"\bif\s+you\s+(?:know\s+what's\s+good|value\s+your)\b", r"\bgive\s+(?:her|him|them)\s+a\s+(?:ring|call|bell)\s+and\s+tell\b",
    r"\bhave\s+a\s+go\s+at\b", r"\b(?:tell|let)\s+(?:her|him|them)\s+(?:know\s+)?what\s+you\s+think\b",
    r"\b(?:flood|bombard|spam)\s+(?:her|his|their)\s+(?:inbox|phone|page)\b", r"\bmake\s+(?:her|his|their|your)\s+life\s+(?:hell|a\s+misery)\b",
    r"\b(?:you|u)\s+(?:won't|wont)\s+be\s+so\s+smug\b", r"\bwhat\s+happens\s+to\s+(?:your|ur)\b",
    r"\bi\s+know\s+(?:your|ur)\s+(?:address|kids|school|car|reg)\b", r"\bnice\s+(?:house|car|family)\b.{0,40}\bshame\s+if\b",
    r"\bshame\s+if\s+something\s+happened\b", r"\bbe\s+a\s+shame\s+if\b",
    r"\bnobody\s+wants\s+you\b", r"\bgo\s+back\s+to\s+where\s+you\s+came\s+from\b",
    r"\b(?:i'll|i\s+will)\s+come\s+round\b", r"\banswer\s+me\s+or\b", r"\bi've\s+messaged\s+you\s+\d+\s+times\b",
    r"\bsend\s+(?:us|me)\s+a\s+(?:pic|photo|picture|selfie|nude)\b", r"\b(?:looked|look|looking)\s+(?:well\s+|so\s+|dead\s+|proper\s+)?(?:fit|hot|sexy|tasty)\s+in\b",
    r"\bor\s+i'll\b", r"\bi'll\s+make\s+sure\s+(?:your|you)\b", r"\byou'll\s+find\s+out\s+what\s+happens\b", r"\bkeep\s+talking\s+and\b",
    r"\bnice\s+to\s+know\s+where\s+you\b", r"\bthink\s+about\s+that\s+before\s+you\b", r"\bbefore\s+you\s+give\s+evidence\b",
    r"\beveryone\s+knows\s+what\s+you\s+did\b", r"\bwait\s+(?:till|until|til)\s+i\s+tell\b", r"\bbetter\s+hope\s+i\s+(?:don't|dont|do\s+not)\s+see\b",
    r"\bi\s+know\s+(?:which|what|where)\s+(?:bus|train|car|route|gym|school|shop|house)\b", r"\bkeep\s+asking\s+(?:till|until)\b",
    r"\b(?:you'd|you\s+had|youd)\s+better\s+watch\b", r"\bwatch\s+yourself\b", r"\bonce\s+too\s+often\b", r"\bi've\s+got\s+your\s+(?:address|number|details)\b",
    r"\bwatch\s+your\s+(?:tyres|car|house|windows|kids|step|mouth)\b", r"\bkeep\s+(?:it|this|that)\s+up\s+and\b", r"\byou'll\s+be\s+looking\s+for\s+a\s+new\s+job\b", r"\b(?:ring|call|phone|text|email|message)\s+(?:him|her|them)\s+and\s+(?:give|tell|let)\b",
    r"\bgive\s+(?:him|her|them)\s+(?:grief|hell|abuse|a\s+piece\s+of\s+your\s+mind|what\s+for|a\s+hard\s+time)\b",
    r"\b(?:tell|let)\s+(?:her|him|them)\s+(?:know\s+)?what\s+(?:you|they|we)\s+think\b", r"\beveryone\s+(?:in\s+the\s+\w+\s+)?(?:thinks|knows|says)\s+(?:you're|you\s+are|ur|youre)\b",
    r"\bdo\s+(?:us\s+)?(?:all\s+)?a\s+favou?r\s+and\s+(?:quit|leave|resign|die|jump|disappear|go)\b", r"\b(?:photoshopped|sending\s+it\s+round|sent\s+it\s+round|shared\s+it\s+round)\b",
    # implied harm: "what's coming", "shame if something happened", "accidents happen"
] + one_scan([
    r"\b(?:get|gets|getting|got|deserve|deserves)\s+what(?:'s|\s+is|s)\s+coming\b", r"\bwhat(?:'s|\s+is)\s+coming\s+(?:to\s+)?(?:you|u|ya|them|him|her)\b",
    r"\bpeople\s+like\s+(?:you|u|her|him|them)\s+(?:always\s+|usually\s+|will\s+|tend\s+to\s+)?(?:get|end\s+up|come\s+to|learn)\b",
    r"\b(?:would|'d|will|could)\s+be\s+a\s+(?:shame|pity|real\s+shame)\s+if\s+(?:something|anything|owt|summat|sommat|someone|somebody)\b",
    r"\b(?:shame|pity)\s+if\s+(?:something|anything|owt)\s+(?:was\s+to\s+|were\s+to\s+)?happen",
    r"\b(?:shame|pity)\s+if\s+(?:your|ur|you|that)\b[^.!?]{0,30}\b(?:scratched|damaged|broken|keyed|smashed|hurt|burnt|burned|vandalised|slashed|found\s+out|lost|had\s+an\s+accident)\b", r"\baccidents\s+(?:can\s+|do\s+|will\s+|tend\s+to\s+)?happen\s+(?:to\s+)?(?:people|those|folk|you|u|snitches|grasses|them|anyone)\b",
    r"\b(?:your|ur)\s+(?:days\s+are\s+numbered|card's\s+marked|card\s+is\s+marked)\b", r"\bcount\s+(?:your|ur)\s+days\b", r"\bsleep\s+with\s+one\s+eye\s+open\b",
    r"\b(?:i'd|i\s+would|i\s+wud)\s+(?:watch|mind)\s+(?:yourself|your\s+back|your\s+step|how\s+you\s+go)\b",
    r"\bnot\s+a\s+threat\b[^.!?]{0,20}\b(?:promise|warning)\b", r"\bthat's\s+not\s+a\s+threat\b",
    r"\bif\s+(?:you|u)\s+(?:ever\s+)?(?:report|grass|complain|tell|go\s+to|say\s+anything|speak\s+to|come\s+near|cross)\b[^.!?]{0,50}\b(?:you'll|you\s+will|u\s+will|i'll|i\s+will|i'm\s+gonna|we'll|regret|sorry|pay)\b",
    r"\byou\s+know\s+what\s+happens\s+to\b", r"\bi'll\s+be\s+waiting\s+(?:for\s+you\s+)?outside\s+(?:your|ur|yours)\b", r"\b(?:outside|round)\s+(?:your|ur)\s+(?:house|flat|work|place|door)\b",
    r"\bsee\s+(?:you|u|ya)\s+in\s+the\s+car\s+park\b", r"\b(?:teach|learn)\s+(?:you|u|ya|him|her|them)\s+a\s+lesson\b",
    r"\bi\s+know\s+people\s+who\b", r"\bi've\s+got\s+(?:mates|friends|people|lads)\s+who\b", r"\bsomeone(?:'s|\s+is)\s+(?:going\s+to|gonna)\s+get\s+hurt\b",
    r"\b(?:you're|you\s+are|ur|youre)\s+(?:gonna|going\s+to)\s+get\s+(?:it|hurt|yours|what)\b", r"\byou'll\s+get\s+(?:yours|what\s+you\s+deserve)\b",
    r"\bnext\s+time\s+i\s+see\s+(?:you|u|ya)\b[^.!?]{0,40}\b(?:you'll\s+(?:regret|be\s+sorry|know\s+about\s+it)|i'll\s+(?:smash|batter|knock|deck|kill|sort|do|have|get|floor|lamp)\s+(?:you|ya|u)|watch\s+(?:out|yourself)|you\s+better|you'd\s+better|you\s+won't)\b", r"\bdon't\s+make\s+me\s+come\s+(?:down|round|over)\b",
    r"\bwatch\s+it\s+(?:mate|pal|sunshine|sunbeam|love|sweetheart)\b", r"\b(?:be\s+)?careful\s+who\s+you\s+(?:accuse|report|grass\s+on|complain\s+about)\b", r"\bwon't\s+know\s+what\s+(?:hit|happened\s+to)\s+(?:you|u|ya)\b",
])
# persistent unwanted contact: repeated messages, refusing to stop
CONTACT = one_scan([
    r"\b(?:i'll|i\s+will|ill|i'm\s+going\s+to|im\s+going\s+to|gonna|i'm\s+gonna)\s+keep\s+(?:on\s+)?(?:messaging|texting|calling|ringing|phoning|emailing|writing\s+to|coming\s+round\s+to|turning\s+up\s+at)\s+(?:you|u|ya|yours|your)\b",
    r"\b(?:i'll|i\s+will|ill|i'm\s+going\s+to|im\s+going\s+to|gonna|i'm\s+gonna)\s+keep\s+(?:on\s+)?(?:messaging|texting|calling|ringing|phoning|emailing|writing|coming\s+round|turning\s+up|trying|asking|at\s+it)\b[^.!?]{0,30}\b(?:until|till|til)\s+(?:you|u|ya)\b",
    r"\b(?:messaged|texted|called|rung|rang|phoned|emailed|dm'd|dmd|inboxed)\s+(?:you|u)\s+(?:\d+|ten|twenty|thirty|fifty|a\s+hundred|loads\s+of|so\s+many|dozens\s+of|hundreds\s+of)\s+times\b",
    r"\b(?:stop|quit)\s+(?:ignoring|blanking|blocking|avoiding)\s+me\b", r"\bwhy\s+(?:are|r)\s+(?:you|u)\s+(?:ignoring|blanking|avoiding|blocking)\s+me\b",
    r"\b(?:i'm|im|i\s+am)\s+not\s+going\s+(?:away|anywhere)\s+(?:until|till|til)\b", r"\b(?:you|u)\s+can't\s+(?:ignore|block|avoid)\s+me\s+(?:forever|for\s+ever)\b",
    r"\bi\s+know\s+(?:you've|you\s+have|u\s+have)\s+(?:read|seen)\s+(?:this|these|my|it)\b", r"\b(?:new|another)\s+account\s+(?:since|cos|because)\s+(?:you|u)\s+blocked\b",
    r"\b(?:answer|pick\s+up)\s+(?:your|ur|the)\s+(?:phone|messages|texts)\b[^.!?]{0,30}\b(?:or|until|till|now)\b",
    r"\b(?:i'll|i\s+will)\s+(?:just\s+)?keep\s+(?:\w+ing)\s+(?:until|till|til)\s+(?:you|u|ya)\b",
])

CONF_MARKERS = [
    r"\bstrictly\s+confidential\b", r"\b(?:highly\s+)?confidential\b(?!\s+(?:helpline|advice|support|counselling|service))",
    r"\bnot\s+(?:been\s+)?(?:announced|public|published|made\s+public|official)\s+yet\b", r"\bbefore\s+(?:it's|it\s+is|its)\s+(?:announced|public|official|published)\b",
    r"\b(?:haven't|hasn't|have\s+not|has\s+not)\s+(?:been\s+)?(?:announced|told|published|made\s+public)\b",
    r"\b(?:staff|they|the\s+team|unions?|residents|tenants)\s+(?:don't|doesn't|do\s+not)\s+know\s+yet\b",
    r"\bembargoed\b", r"\bleaked\b", r"\binternal\s+(?:memo|email|document|report|only|papers?)\b",
    r"\bnot\s+supposed\s+to\s+(?:say|tell|share|know|mention)\b", r"\byou\s+didn't\s+hear\s+(?:this|it)\s+from\s+me\b",
    r"\bunder\s+wraps\b", r"\bbehind\s+closed\s+doors\b", r"\bclosed\s+session\b", r"\bpart\s+(?:2|ii|b)\s+(?:papers?|item|report)\b",
    r"\bkeep\s+(?:this|it)\s+(?:quiet|to\s+yourselves?|under\s+your\s+hat|between\s+us)\b",
    r"\b(?:keep\s+)?(?:schtum|shtum|stumm)\b", r"\bmum's\s+the\s+word\b", r"\bhush\s+hush\b", r"\bnot\s+(?:yet\s+)?(?:signed\s+off|finalised|final|agreed)\b",
    r"\bannouncement's\s+not\b", r"\bnot\s+(?:till|until)\s+(?:after|next|the)\b", r"\b(?:public|residents|staff)\s+won't\s+(?:hear|know|find\s+out)\b",
    r"\bsitting\s+on\s+it\b", r"\bcan't\s+say\s+(?:who|more|much|anything)\b", r"\bdon't\s+say\s+i\s+told\s+you\b", r"\btoday's\s+smt\b", r"\bminutes\s+from\b",
    r"\bfound\s+out\s+at\s+work\b", r"\b(?:nobody|no\s+one|none\s+of\s+(?:them|us))(?:'s|\s+has|\s+have)\s+been\s+told\b", r"\bact\s+surprised\b",
    # secrecy markers as a class: keeping it between people, not repeating it
] + one_scan([
    r"\bkeep\s+(?:it|this|that)\s+(?:between\s+(?:us|ourselves|you\s+and\s+me|the\s+(?:two|three|four)\s+of\s+us)|to\s+yourself|zipped|on\s+the\s+(?:qt|down\s*low|quiet))\b",
    r"\bbetween\s+(?:these\s+(?:four\s+)?walls|ourselves|you\s+and\s+me|you,\s+me\s+and|us\s+(?:girls|lads|two))\b", r"\b(?:this|it)\s+(?:goes|must\s+go|doesn't\s+go)\s+no\s+further\b",
    r"\b(?:this|it)\s+(?:stays|doesn't\s+leave|does\s+not\s+leave|mustn't\s+leave)\s+(?:in\s+)?(?:this|the)\s+(?:room|office|group|chat)\b", r"\bdon't\s+(?:repeat|share|pass\s+on|spread)\s+(?:this|it)\b",
    r"\bon\s+the\s+(?:qt|q\.t\.|quiet|down\s*low)\b", r"\boff\s+the\s+record\b", r"\bnot\s+for\s+(?:public\s+consumption|general\s+release|sharing)\b", r"\bentre\s+nous\b",
    r"\b(?:little\s+bird|birdie)\s+told\s+me\b", r"\bword\s+(?:from|on\s+the\s+grapevine|upstairs|in\s+the\s+office)\b", r"\b(?:on|through|via)\s+the\s+grapevine\b", r"\boverheard\b", r"\b(?:saw|seen|spotted)\s+(?:it|the\s+\w+)\s+on\s+(?:\w+\s+){0,2}desk\b",
    r"\b(?:heard|told|found\s+out|hear)\s+(?:it\s+)?(?:from|by|off)\s+(?:the\s+|my\s+|our\s+)?(?:[\w']+\s+){0,3}(?:pa|secretary|assistant|director|chief\s+exec\w*|ceo|boss|head|manager|hr|someone\s+in\s+\w+|mate\s+in\s+\w+|cabinet|leader)\b",
])
# internal decisions and processes: what is being done to a report, a
# service or a building; judged with a secrecy marker near council business
CONF_DECISION = [
    r"\b(?:report|decision|recommendation|proposals?|plans?|figures|numbers|budget|scores?|minutes|consultation|review|audit|inspection|findings|business\s+case|contract|tender|bid|application|results?|ofsted|rating|restructure|pay\s+(?:offer|award|deal|rise))\s+(?:is|are|was|were|has\s+been|have\s+been|'s|got|getting|will\s+be|is\s+going\s+to\s+be)?\s*(?:being\s+)?(?:rewritten|re-written|redrafted|changed|altered|watered\s+down|buried|pulled|shelved|delayed|doctored|fudged|massaged|quashed|scrapped|overturned|binned|spiked|cut|frozen|slashed|leaked|sat\s+on|kept\s+quiet|hushed\s+up|covered\s+up|swept\s+under)\b",
    r"\bbefore\s+(?:it\s+goes\s+to\s+)?(?:committee|cabinet|full\s+council|scrutiny|the\s+(?:committee|cabinet|board|inspectors?|auditors?|ombudsman))\b",
    r"\b(?:going\s+to|gonna|will|are\s+going\s+to|is\s+going\s+to|plan(?:ning)?\s+to|about\s+to|set\s+to|want\s+to)\s+(?:sell(?:\s+off)?|close|shut|cut|scrap|axe|merge|outsource|privatise|demolish|relocate|freeze|mothball|sack|let\s+\w+\s+go|get\s+rid\s+of|downgrade)\b",
    r"\b(?:selling|sold|sell)\s+off\b", r"\b(?:is|are)\s+(?:being|getting)\s+(?:merged|closed|sold|axed|cut|outsourced|scrapped|moved|restructured|downgraded|privatised|shut)\b",
]
CONF_CONTENT = [
    r"\b(?:(?:axe|axing|cut|cutting|cuts|shed|shedding|lose|losing|scrap|scrapping)\s+(?:\d+|\w+)\s+(?:jobs|posts|roles|staff|branches)|budget\s+gap|found\s+against|ombudsman|police\s+in\s+the\s+office|fraud\s+in|(?:anonymous|whistle-?blowing)\s+(?:\w+\s+)?complaint|who\s+made\s+the\s+(?:\w+\s+)?complaint|tender\s+scores?|evaluation|budget\s+cuts?|cut\s+by\s+(?:a\s+)?(?:third|half|quarter|\d+))\b",
    r"\b(?:redundanc(?:y|ies)|restructur\w*|job\s+cuts|(?:\d+|few|some|dozens?\s+of|loads\s+of)\s+(?:jobs|posts|roles)\s+(?:to\s+go|going|cut|axed)|posts?\s+(?:deleted|cut|axed)|cuts?\s+to|closing|closure|close\s+(?:the|down)|shut(?:ting)?\s+(?:the|down)|outsourc\w*|privatis\w*|merg(?:e|er|ing)\s+(?:with|the)|tender\s+scores?|scored\s+(?:highest|lowest|\d+)|(?:won|win|winning|awarded?)\s+the\s+(?:contract|tender|bid)|contract\s+(?:award|goes\s+to|is\s+going)|preferred\s+bidder|disciplinary|suspended|sacked|dismissed|grievance|tribunal|investigation\s+into|on\s+the\s+sick|signed\s+off|off\s+with\s+stress|sick\s+note|cabinet\s+papers?|smt\s+papers?|exempt\s+(?:item|report|papers?)|draft\s+budget|budget\s+(?:proposals?|cuts)|planning\s+(?:committee|decision|refusal|officer's\s+recommendation)|will\s+be\s+refused|going\s+to\s+be\s+refused|recommend(?:ing|ed)?\s+(?:refusal|approval))\b",
]
CONF_CASE = [
    r"\b(?:safeguarding|child\s+protection|cp)\s+(?:case|referral|concern|plan|conference|meeting|investigation|strategy)\b",
    r"\b(?:on\s+)?(?:my|our|her|his)\s+caseload\b", r"\bcase\s*(?:file|notes|ref(?:erence)?|number)\b", r"\bhome\s+visit\b",
    r"\bone\s+of\s+(?:my|our)\s+(?:clients|service\s+users|cases|families|tenants|residents|customers)\b",
    r"\b(?:social\s+services|children's\s+services|social\s+care)\s+(?:are|were|have|has)\s+(?:involved|been\s+called|taking|took)\b",
    r"\b(?:being|be|were|was|are)\s+removed\b", r"\breferral\s+(?:going\s+in|made|in)\b", r"\bback\s+on\s+the\s+(?:drink|drugs|gear)\b",
    r"\b(?:kids|children|baby|child)\s+(?:taken|removed)\s+(?:into\s+care|off\s+her|off\s+him|off\s+them)\b",
    r"\bon\s+the\s+(?:child\s+protection\s+)?register\b", r"\blooked\s+after\s+child\b", r"\bin\s+care\b",
    r"\b(?:the\s+)?(?:anonymous\s+)?(?:complainant|whistle-?blower|person\s+who\s+(?:complained|reported))\s+(?:is|was)\b",
    r"\bwho\s+(?:complained|reported|made\s+the\s+complaint)\b.{0,40}\b(?:it\s+was|it's|its)\b",
    r"\bfrom\s+(?:the\s+)?(?:system|database|council\s+system|case\s+management|crm|records)\b",
    r"\b(?:disciplinary\s+(?:hearing|investigation|case|meeting|against|for)|(?:on\s+a|facing\s+a|faces\s+a|got\s+a)\s+disciplinary|(?:is|was|being|been|got|getting)\s+disciplined|suspended|(?:on\s+a\s+)?final\s+(?:written\s+)?warning|written\s+warning|capability|sick\s+leave|off\s+sick|signed\s+off\s+(?:sick|with|for)|off\s+with\s+stress|off\s+again|ivf|depression|anxiety|breakdown|a\s+record|criminal\s+record|probation|been\s+inside|sacked|dismissed|grievance\s+against)\b",
    r"\b(?:dementia|diagnosed|mental\s+health|sectioned|overdose|rehab|hiv|cancer|chemo|pregnant|miscarriage|self-?harm|suicidal|benefits?\s+(?:sanction|claim)|universal\s+credit|arrears|eviction|evicted|domestic\s+(?:abuse|violence)|care\s+plan|care\s+package|carers\s+visit|on\s+methadone|alcoholic)\b",
]
HEALTH = r"\b(?:dementia|alzheimer's|diagnosed|mental\s+health|sectioned|overdose|overdosed|rehab|hiv|cancer|chemo|pregnant|miscarriage|ivf|self-?harm\w*|suicidal|schizophreni\w*|bipolar|depression|anxiety|breakdown|psychosis|benefits?\s+(?:sanction|claim)|universal\s+credit|pip\s+(?:claim|assessment)|arrears|eviction|evicted|domestic\s+(?:abuse|violence)|care\s+plan|care\s+package|carers?\s+(?:visit|visits|go\s+in)|methadone|alcoholic|heroin|drug\s+(?:habit|problem)|on\s+the\s+register|child\s+protection|safeguarding|in\s+care|taken\s+into\s+care|foster(?:ed)?|sick\s+note|off\s+sick|off\s+again|signed\s+off\s+(?:sick|with|for))\b"
ICT = [
    r"\bpass(?:word|code|wd)s?\b(?:\s+(?:is|for|to|=|:)|\s*[:=])", r"\b(?:wi-?fi|wifi|network|door|keypad|alarm|access|key\s*safe|safe)\s+(?:code|password|pin|key)s?\b",
    r"\blog-?in\s+(?:details|credentials)\b", r"\busername\s+and\s+password\b", r"\badmin\s+(?:password|login|account)\b",
    r"\b(?:firewall|anti-?virus|vpn|servers?|network)\s+(?:is|are|has|have)\s+(?:down|off|broken|wide\s+open|not\s+been\s+(?:patched|updated)|unpatched)\b",
    r"\bstill\s+(?:on|running|using)\s+(?:windows\s+(?:xp|7|vista)|server\s+20(?:03|08))\b", r"\bunpatched\b",
    r"\b(?:anyone|you)\s+can\s+(?:get|log)\s+(?:in|into|onto)\b", r"\bcode\s+(?:is|for\s+the)\b.{0,20}\d{3,}",
    r"\bwe\s+use\s+(?:\w+\s+){0,2}(?:for|as)\s+(?:our\s+)?(?:email|anti-?virus|virus\s+protection|firewall)\b",
    r"\b(?:with|using|on)\s+\w+'s\s+(?:login|log-?in|password|account|credentials|pass)\b", r"\b(?:wi-?fi|wifi)\s+(?:code|password|key)\b",
]

SPEAK_WE = [
    r"\b(?:we|we've|we\s+have|we'll|we\s+will|we're|we\s+are|we\s+do|we\s+don't|we\s+fully|we\s+did)\s+(?:now\s+)?(?:not\s+)?(?:be\s+)?(?:decided|agreed|approved|accept|support|fully|aware|sorry|apologi[sz]e|investigating|looking\s+into|working\s+(?:on|to)|going\s+to|[a-z]+ing)\b",
    r"\b(?:we|us)\s+at\b", r"\bheard\s+it\s+(?:from\s+us|here)\s+first\b", r"\bfrom\s+us\s+first\b", r"\bour\s+(?:official\s+)?(?:position|view|stance|policy|line|response|statement)\b",
    r"\bas\s+a\s+council\b(?!\s+(?:employee|officer|worker|tenant|member|taxpayer|staff))", r"(?<!the\s)\b[\w\-]+\s+here[.,!:]", r"\bhere\s+at\s+(?:the\s+)?[\w\-]+\b",
]
SPEAK = SPEAK_WE + [
    r"\bon\s+behalf\s+of\s+(?:the\s+)?(?:[\w\-']+\s+){0,3}(?:council|team|department|dept|service|services|directorate|authority)\b",
    r"\b(?:speaking|speak)\s+(?:for|as|on\s+behalf\s+of)\s+(?:the\s+)?[\w\-]+", r"\bthe\s+council's\s+(?:official\s+)?(?:position|view|response|stance|line)\s+(?:is|on)\b",
    r"\b(?:council|[a-z]+)'s\s+view\s+is\s+that\b", r"\bofficial\s+(?:response|statement|position|line)\b", r"\bofficial\s*:", r"\bstatement\s+from\b",
    r"\bcan\s+(?:officially\s+)?confirm\b", r"\b(?:will|shall|is\s+going\s+to)\s+(?:refund|compensate|reimburse|waive)\b",
    r"\bwill\s+(?:definitely|certainly)\b", r"\bi'll\s+make\s+sure\s+of\s+it\b", r"\bi\s+promise\s+you\b",
    r"\bwill\s+be\s+(?:refused|approved|granted|rejected|issuing|publishing|refunding|compensating|scrapping)\b",
    r"\bapologi[sz]es?\s+unreservedly\b", r"\bcouncil\s+apologi[sz]es\b", r"\bi\s+apologi[sz]e\b",
    r"\b(?:view|position|stance)\s+is\s+that\b",
]
SPEAK_UNLESS = [
    r"\b(?:not|never|don't|do\s+not|isn't|am\s+not|i'm\s+not)\s+(?:\w+\s+){0,3}['\"]?(?:on\s+behalf|speak(?:ing)?\s+for|represent)",
    r"\b(?:authori[sz]ed|require\w*|allowed|permitted|approval|approved)\s+(?:\w+\s+){0,3}(?:to\s+)?speak",
    r"\b(?:council|they|it|ebc)\s+(?:says|said|has\s+said|announced|has\s+announced|have\s+announced|has\s+confirmed)\b", r"\baccording\s+to\b",
]

DISCLAIMERS = [
    r"\b(?:views?|opinions?|thoughts|tweets|posts)\b[^.]{0,30}\b(?:my|mine|own)\b", r"\bviews\s+(?:are\s+)?(?:my\s+)?own\b",
    r"\bpersonal\s+(?:account|views|opinions)\b", r"\b(?:do\s+not|don't|doesn't|does\s+not)\s+(?:necessarily\s+)?(?:represent|reflect)\b",
    r"\bnot\s+(?:the\s+)?(?:views|opinions)\s+of\b", r"\b(?:rts?|retweets?)\s*(?:≠|!=|=/=|are\s+not|aren't|not)\s*endorse", r"\bsolely\s+those\s+of\s+the\s+author\b",
]

# Sarcastic praise and mock admiration: constructions, each needing a cue
# that the praise is not meant (", really", "not!", an eye-roll, "said no one")
SARCASM = one_scan([
    r"\b(?:great|brilliant|fantastic|amazing|stellar|cracking|superb|wonderful|genius|inspired|outstanding|lovely|top)\s+(?:\w+\s+){0,2}(?:job|work|leadership|decision(?:-making)?|planning|idea|communication|management|move|consultation|call|thinking)\b[^.!?]{0,40}(?:,\s*really\b|\breally\b\s*[.!]|\breally\s*$|🙄|\s/s\b|\bnot\b\s*[!.]|\bnot\s*$)",
    r"\btruly\s+(?:inspiring|visionary|inspirational|world-class|exceptional|stellar)\s+(?:leadership|management|decision(?:-making)?|planning|thinking)\b",
    r"\b(?:said|says)\s+(?:no\s+one|nobody|noone)(?:\s+ever)?\b", r"\bwhat\s+a\s+(?:surprise|shock|shocker)\b(?!\s+(?:party|visit|present|gift))", r"\bshock\s+horror\b",
    r"\bwho\s+(?:could\s+have|would\s+have|'d\s+have|knew|would've|could've)\s+(?:guessed|predicted|thought|seen\s+(?:that|it|this)\s+coming)\b", r"\bslow\s+clap\b",
    r"\b(?:another|yet\s+another)\s+(?:pointless|useless|genius|brilliant|stellar|inspired|wonderful|pointless\s+all-staff|mandatory\s+pointless)\s+(?:[\w\-]+\s+){0,2}(?:meeting|briefing|restructure|reorg|initiative|email|survey|memo|away\s*day|idea|decision|strategy|rebrand|consultation)s?\b",
    r"\bthe\s+(?:geniuses|brains\s+trust|bright\s+sparks|masterminds|visionaries|rocket\s+scientists|einsteins)\s+(?:upstairs|in\s+charge|at\s+the\s+top|on\s+the\s+top\s+floor|in\s+\w+|who\s+(?:run|decided|thought))\b",
    r"\b(?:another|yet\s+another|what\s+a|a\s+real)\s+(?:triumph|masterclass|masterstroke|stroke\s+of\s+genius|triumph\s+of\s+\w+)\b",
    r"\bmasterclass\s+in\s+(?:how\s+not|incompetence|chaos|failure|mismanagement|wasting|box-?ticking)\b",
    r"\bgenius(?:es)?\s+upstairs\b", r"\bour\s+(?:glorious|beloved|fearless|esteemed)\s+(?:leaders?|management|bosses|overlords)\b", r"\bnailed\s+it\s+(?:again|as\s+(?:usual|always))\b",
])

RULES = [
    r("offensive_language.disability", "offensive_language", "high", CONTENT + ["profile"],
      "possible disablist language", {"lexicon": {"groups": ["disability"], "min_severity": 2}},
      ["charnwood-resp-9", "tameside-private-slurs", "tameside-conduct-abusive", "portsmouth-3.1", "sheffield-resp-respect", "peterborough-3-political"]),
    r("offensive_language.racial", "offensive_language", "high", CONTENT + ["profile"],
      "possible racist language", {"lexicon": {"groups": ["racial"], "min_severity": 2}},
      ["charnwood-resp-9", "tameside-private-slurs", "tameside-conduct-abusive", "portsmouth-3.1", "sheffield-resp-respect", "peterborough-3-political"]),
    r("offensive_language.racial-generalisation", "offensive_language", "high", CONTENT + ["profile"],
      "possible racist generalisation about a nationality or ethnic group",
      {"patterns": [r"\b(?:romanians?|bulgarians?|poles|polish|lithuanians?|albanians?|pakistanis?|indians?|bangladeshis?|somalis?|nigerians?|africans?|asians?|blacks|muslims|jews|immigrants|migrants|foreigners|refugees|asylum\s+seekers|gypsies|travellers|eastern\s+europeans|chinese|arabs)\b[^.!?]{0,50}\b(?:all\s+(?:crooks|thieves|criminals|scroungers|the\s+same|terrorists|rapists|dirty|lazy)|should\s+(?:all\s+)?be\s+(?:deported|sent\s+back|kicked\s+out|shot|banned)|send\s+(?:them|em)\s+(?:all\s+)?back|go\s+back\s+home|vermin|scum|animals|cockroaches|infest\w*|swarm\w*|flooding\s+in|taking\s+over)\b"]},
      ["charnwood-resp-9", "tameside-private-slurs", "tameside-conduct-abusive", "portsmouth-3.1", "sheffield-resp-respect", "peterborough-3-political"]),
    r("offensive_language.religion", "offensive_language", "high", CONTENT + ["profile"],
      "possible religious slur", {"lexicon": {"groups": ["religion"], "min_severity": 2}},
      ["tameside-private-slurs", "tameside-conduct-abusive", "charnwood-resp-9", "portsmouth-3.1", "sheffield-resp-respect", "peterborough-3-political"]),
    r("offensive_language.sexuality", "offensive_language", "high", CONTENT + ["profile"],
      "possible homophobic or transphobic language", {"lexicon": {"groups": ["sexuality"], "min_severity": 2}},
      ["charnwood-resp-9", "tameside-private-slurs", "tameside-conduct-abusive", "portsmouth-3.1", "sheffield-resp-respect", "peterborough-3-political"]),
    r("offensive_language.sexual", "offensive_language", "medium", CONTENT + ["profile"],
      "possible sexual or obscene language", {"lexicon": {"groups": ["sexual"], "min_severity": 2}},
      ["tameside-legal-obscene", "tameside-private-slurs", "portsmouth-3.1", "sheffield-resp-respect", "charnwood-resp-1", "peterborough-3-political"]),
    r("offensive_language.profanity", "offensive_language", "medium", CONTENT + ["profile"],
      "possible obscene language", {"lexicon": {"groups": ["profanity"], "min_severity": 3}},
      ["tameside-private-slurs", "tameside-legal-obscene", "portsmouth-3.1", "sheffield-resp-respect", "charnwood-resp-1", "peterborough-3-political"]),
    r("offensive_language.profanity-mild", "offensive_language", "low", CONTENT + ["profile"],
      "possible swearing", {"lexicon": {"groups": ["profanity"], "min_severity": 2, "max_severity": 2}},
      ["tameside-private-slurs", "portsmouth-3.1", "charnwood-resp-1"]),

    r("derogatory.org", "derogatory", "high", CONTENT,
      "possible derogatory remark about the council",
      {"lexicon": {"groups": INSULT_GROUPS, "min_severity": 2}, "near": {"targets": ["org"], "window": 60, "reply": True}},
      ["portsmouth-16.2", "portsmouth-a.1", "charnwood-resp-4", "sheffield-comp-professional", "tameside-conduct-abusive", "tameside-conduct-derogatory", "peterborough-3-disparaging"]),
    r("derogatory.people", "derogatory", "high", CONTENT,
      "possible derogatory remark about a colleague, manager or councillor",
      {"lexicon": {"groups": INSULT_GROUPS, "min_severity": 2}, "near": {"targets": ["colleagues", "managers", "councillors"], "window": 80}},
      ["portsmouth-16.2", "charnwood-resp-4", "sheffield-comp-respectful", "tameside-conduct-abusive", "tameside-private-offensive", "peterborough-4-detrimental"]),
    r("derogatory.public", "derogatory", "high", CONTENT,
      "possible derogatory remark about residents, customers or service users",
      {"lexicon": {"groups": INSULT_GROUPS, "min_severity": 2}, "near": {"targets": ["public", "service_users"], "window": 50}},
      ["portsmouth-16.2", "charnwood-resp-4", "sheffield-6", "tameside-outside-never", "peterborough-3-disparaging"]),

    r("derogatory.sarcasm", "derogatory", "medium", CONTENT,
      "possible sarcastic or mocking remark about the council or its people",
      {"patterns": SARCASM, "near": {"targets": ["org", "managers", "councillors", "colleagues"], "window": 100, "reply": True},
       "unless": [r"\b(?:congratulations|congrats|well\s+deserved|so\s+proud|proud\s+of|thank\s+you|thanks\s+to|shout\s*-?out)\b|🎉|🥳|🏆"]},
      ["portsmouth-16.2", "charnwood-resp-4", "sheffield-comp-professional", "tameside-conduct-derogatory", "peterborough-3-disparaging"]),
    r("derogatory.person", "derogatory", "high", CONTENT,
      "possible derogatory remark aimed at a colleague",
      {"lexicon": {"groups": INSULT_GROUPS, "min_severity": 2}, "near": {"targets": ["person"], "window": 20},
       "with": [r"\b(?:office|team|work|shift|colleagues?|council|department|dept|staff|manager|boss|canteen|depot|rota|meeting)\b"]},
      ["portsmouth-16.2", "sheffield-comp-respectful", "tameside-conduct-abusive", "peterborough-4-detrimental"]),
    r("harassment.threat", "harassment", "high", CONTENT,
      "possible threat or intimidation", {"patterns": THREATS, "unless": [r"😂|🤣|😆|😜|🍰|🎄|\blol\b|\blmao\b|\bhaha\w*|\bonly\s+joking\b|\bjk\b|\b(?:black\s+)?ice\b|\bicy\b|\bgritters?\b|\bpanto\b",
          # benign objects: weather and slippery steps, cakes, quizzes, cards, raffles, sweepstakes, sport
          r"\b(?:slippery|steps|stairs|frost|frosty|snow|rain|storm|flood\s+warning|weather|sunburn|bake\s+sale|cakes?|biscuits|brownies|pub\s+quiz|quiz|christmas\s+cards?|birthday\s+cards?|leaving\s+card|card\s+for|raffle|tombola|sweepstake|secret\s+santa|fun\s+run|karaoke|bingo|darts|five-a-side|fancy\s+dress|christmas\s+jumper|spoilers?|calories|diet|hangover|wasps?|seagulls?)\b"]},
      ["portsmouth-16.2", "sheffield-resp-respect", "sheffield-comp-bullying", "charnwood-cons-2", "tameside-private-fights", "tameside-conduct-relationships", "peterborough-4-detrimental"]),
    r("harassment.contact", "harassment", "high", ["message", "comment", "post"],
      "possible persistent unwanted contact", {"patterns": CONTACT, "unless": [r"😂|🤣|\blol\b|\bhaha\w*|\b(?:delivery|parcel|courier|refund|order|customer\s+services|insurance|bank)\b"]},
      ["sheffield-comp-bullying", "sheffield-resp-respect", "charnwood-cons-2", "tameside-private-fights", "tameside-conduct-relationships", "portsmouth-16.2"]),
    r("harassment.humiliation", "harassment", "high", CONTENT,
      "possible bullying or public humiliation of a person",
      {"patterns": [r"\b(?:photoshopped|sending\s+it\s+round|sent\s+it\s+round|shared\s+it\s+round|posted\s+(?:his|her|their)\s+(?:photo|pic|picture))\b", r"\beveryone\s+(?:in\s+the\s+\w+\s+)?(?:thinks|knows|says)\s+(?:you're|you\s+are|ur|youre)\b", r"\beveryone\s+knows\s+what\s+you\s+did\b"]},
      ["sheffield-comp-bullying", "charnwood-cons-2", "portsmouth-16.2", "sheffield-resp-respect"]),
    r("harassment.insults", "harassment", "high", CONTENT,
      "possible repeated insults aimed at a person",
      {"lexicon": {"groups": ["insult", "profanity", "racial", "sexuality", "disability", "religion", "sexual"], "min_severity": 2}, "near": {"targets": ["person"], "window": 12}, "min_matches": 2},
      ["portsmouth-16.2", "sheffield-resp-respect", "charnwood-cons-2", "tameside-conduct-abusive"]),

    r("confidential.marker", "confidential", "high", ALL,
      "possible disclosure of non-public council information",
      {"patterns": CONF_CONTENT, "with": CONF_MARKERS + [r"\b(?:(?:i|just|we've|i've)\s+heard|heard\s+(?:today|from\s+(?:hr|a|my|the|someone))|told\s+(?:us|me)|just\s+found\s+out|word\s+is|rumour|apparently|between\s+(?:us|you\s+and\s+me|ourselves)|off\s+the\s+record|don't\s+tell|shh+|secret(?:ly)?|quietly|at\s+smt|at\s+cabinet|in\s+the\s+meeting|at\s+the\s+meeting|today's\s+meeting)\b"],
       # the council's business, not a shop's or a family's
       "near": {"targets": ["org", "council_business", "managers", "councillors", "colleagues", "named", "service_users", "public"], "window": 200}},
      ["charnwood-resp-10", "portsmouth-a.2", "sheffield-14", "tameside-security-record", "peterborough-4-private", "peterborough-3-disclosing"]),
    r("confidential.decision", "confidential", "high", ALL,
      "possible leak of an internal decision",
      {"patterns": CONF_DECISION, "with": CONF_MARKERS + [r"\b(?:just\s+found\s+out|word\s+is|don't\s+tell|shh+|secret(?:ly)?|at\s+smt|at\s+cabinet|in\s+the\s+meeting|at\s+the\s+meeting|today's\s+meeting)\b"],
       "near": {"targets": ["org", "council_business", "managers", "councillors", "colleagues"], "window": 150}},
      ["peterborough-4-private", "charnwood-resp-10", "portsmouth-a.2", "sheffield-14", "tameside-security-record"]),
    r("confidential.leak", "confidential", "high", ALL,
      "possible leak of an internal decision",
      {"patterns": [r"\bgoing\s+through\s+the\s+motions\b", r"\bdone\s+deal\b", r"\balready\s+(?:been\s+)?(?:sold|decided|agreed|signed|earmarked|promised)\b", r"\bstitch-?up\b", r"\bwho\s+made\s+the\s+(?:anonymous\s+)?(?:\w+\s+)?complaint\b", r"\bleaked\b", r"\binternal\s+memo\b"]},
      ["peterborough-4-private", "charnwood-resp-10", "portsmouth-a.2", "sheffield-14", "tameside-security-record"]),
    r("confidential.records", "confidential", "high", ALL,
      "possible personal data taken from council records",
      {"patterns": [r"(?<![\p{L}\p{N}])[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d](?![\p{L}\p{N}])", r"\bnhs\s*(?:no\.?|number|#)?\s*:?\s*\d{3}\s?\d{3}\s?\d{4}\b", r"\b(?:dob|d\.o\.b\.?|born)\s*:?\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b", r"(?<![\p{L}\p{N}])\d{1,4}[a-z]?\s+[\p{L}'\-]+\s+(?:road|street|lane|close|drive|avenue|way|rise|crescent|court|grove|bank|terrace)\b.{0,6}\b[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}\b",
                    r"\b(?:got|found|looked\s+up|pulled|took|checked)\s+(?:your|her|his|their)\s+(?:address|number|details|file|records?)\s+(?:from|on|off)\s+(?:the\s+)?(?:system|database|records|file|crm)\b", r"\b(?:from|on)\s+(?:the\s+)?(?:council\s+)?(?:system|database|crm)\b"],
       "with": [r"\b(?:system|tenant|applicant|form|assessment|case|caseload|the\s+list|book\s+(?:him|her|them)\s+in|ringing\s+in|calling\s+in|rings\s+us|keeps\s+ringing|ringing\s+the\s+office|file|records|referral|client|service\s+user|job|record|complain\w*|council|your\s+end|at\s+yours)\b"],
       "unless": [r"\bqq\s?12\s?34\s?56\b"]},
      ["sheffield-14", "sheffield-comp-public", "tameside-security-record", "portsmouth-a.2", "charnwood-resp-10", "peterborough-3-disclosing"]),
    r("confidential.case", "confidential", "high", ALL,
      "possible disclosure of case or personnel details",
      {"patterns": CONF_CASE, "near": {"targets": ["service_users", "colleagues", "managers", "councillors", "named", "place"], "window": 80}},
      ["sheffield-comp-public", "sheffield-14", "portsmouth-a.2", "tameside-private-dealings", "charnwood-resp-10", "peterborough-3-disclosing"]),
    r("confidential.ict", "confidential", "high", ALL,
      "possible disclosure of ICT or security details", {"patterns": ICT, "unless": [r"\b(?:netflix|amazon|spotify|facebook|instagram|my\s+(?:own\s+)?(?:phone|password|account))\b"]},
      ["tameside-ict-6", "tameside-security-access", "portsmouth-a.2", "charnwood-resp-10", "sheffield-14", "peterborough-3-disclosing"]),

    r("personal_data.address", "personal_data", "medium", ALL,
      "possible home address of another person", {"detector": "street_address", "unless": [r"\b(?:council\s+offices?|town\s+hall|civic\s+centre|leisure\s+centre|library|offices\s+are|open\s+\d|reception|my\s+(?:new\s+)?(?:address|house|flat)|i\s+(?:live|moved)|we\s+(?:live|moved)|our\s+(?:new\s+)?(?:address|house))\b"]},
      ["tameside-legal-details", "tameside-legal-data", "sheffield-14", "charnwood-purpose", "portsmouth-a.2", "peterborough-3-disclosing"]),
    r("personal_data.date-of-birth", "personal_data", "medium", ALL,
      "possible date of birth of another person", {"detector": "date_of_birth", "unless": [r"\b(?:remembering|rip|rest\s+in\s+peace|miss\s+you|in\s+memory|passed\s+away|my\s+(?:dob|date\s+of\s+birth|birthday))\b"]},
      ["tameside-legal-details", "tameside-legal-data", "sheffield-14", "charnwood-purpose", "portsmouth-a.2", "peterborough-3-disclosing"]),
    r("personal_data.email", "personal_data", "medium", ALL,
      "possible personal email address of another person", {"detector": "email_address", "unless": [r"\b(?:my\s+(?:new\s+)?(?:email|e-mail|address)|email\s+me|e-mail\s+me|contact\s+me|drop\s+me)\b"]},
      ["tameside-legal-data", "sheffield-14", "charnwood-purpose", "portsmouth-a.2", "peterborough-3-disclosing"]),
    r("personal_data.health", "personal_data", "high", ALL,
      "possible health, care or case details of a named person",
      {"patterns": [HEALTH],
       "near": {"targets": ["named", "service_users", "colleagues", "managers"], "window": 80}},
      ["sheffield-14", "sheffield-comp-public", "tameside-legal-data", "tameside-private-dealings", "portsmouth-a.2", "charnwood-purpose", "peterborough-3-disclosing"]),
    r("personal_data.nhs-number", "personal_data", "high", ALL,
      "possible NHS number (passes the modulus 11 check)", {"detector": "nhs_number",
       # ten digits pass modulus 11 one time in eleven: only near health context, never the author's own
       "with": [r"\b(?:nhs|hospital|gp|doctor|dr|surgery|patient|clinic|health|medical|a&e|ward|nurse|appointment|prescription|pharmacy|chemist|dentist|dob|born|diagnos\w*|referral|care|carer|medication|tablets)\b"],
       "unless": [r"\bmy\s+(?:own\s+)?(?:nhs|number)\b"]},
      ["sheffield-14", "tameside-legal-data", "portsmouth-a.2", "charnwood-purpose", "peterborough-3-disclosing"]),
    r("personal_data.ni-number", "personal_data", "high", ALL,
      "possible National Insurance number", {"detector": "ni_number", "unless": [r"\bqq\s?12\s?34\s?56\b", r"\b(?:specimen|example|e\.g\.|format)\b",
          r"\bmy\s+(?:own\s+)?(?:ni|n\.i\.|national\s+insurance)(?:\s+(?:no|number|num))?\b(?![^.!?]{0,40}\b(?:her|his|their|tenant|client)\b)"]},
      ["tameside-legal-details", "tameside-legal-data", "sheffield-14", "portsmouth-a.2", "charnwood-purpose", "peterborough-3-disclosing"]),
    r("personal_data.phone", "personal_data", "medium", ALL,
      "possible phone number of another person",
      {"detector": "uk_phone", "unless": [r"\b(?:opening\s+hours|to\s+book|bookings?|enquiries|box\s+office|library|leisure\s+centre|surgery|hotline)\b", r"\b(?:ring|call|phone)\s+(?!(?:him|her|them|me|us)\b)(?:\w+\s+){1,3}on\s+\+?\d", r"\b(?:call|ring|phone|contact)\s+(?:the\s+)?(?:council|us|contact\s+centre|helpline|switchboard|office|reception|team)\b", r"\b(?:helpline|freephone|switchboard|text\s+me|call\s+me|ring\s+me|my\s+(?:new\s+)?(?:number|mobile|phone))\b", r"\b01632\s?960000\b"]},
      ["tameside-legal-details", "tameside-legal-data", "sheffield-14", "charnwood-purpose", "portsmouth-a.2", "peterborough-3-disclosing"]),

    r("political.campaign", "political", "low", CONTENT + ["profile"],
      "possible party-political campaigning",
      {"scope": "not_politically_restricted", "patterns": [
          r"\bvote\s+(?:for\s+)?(?:the\s+)?" + PARTY + r"\b", r"\b(?:vote|voting|get|kick|boot)\s+(?:the\s+)?" + PARTY + r"\s+out\b",
          r"\b(?:don't|never|do\s+not)\s+vote\s+" + PARTY + r"\b", r"\b" + PARTY + r"\s+(?:vote|candidate|campaign|leaflets?|canvass\w*|rally|gain|win|victory|landslide|out|activists?|members?\s+needed)\b",
          r"\b(?:join|support|back|elect|re-?elect)\s+(?:the\s+)?" + PARTY + r"\b",
          r"\b(?:canvass(?:ing)?|leafleting|leafletting|door-?\s*knocking|knocking\s+(?:on\s+)?doors?|campaigning|out\s+on\s+the\s+doorstep|street\s+stall|deliver(?:ing)?\s+(?:[\w\-]+\s+){0,3}leaflets|help\s+(?:us|me)\s+win)\b(?=[^.!?]{0,80}\b(?:" + PARTY + r"|ward|election|candidate|vote|votes|polling|seat|by-election|manifesto|hustings)\b)", r"\b(?:" + PARTY + r"|ward|election|candidate|vote|votes|polling|seat|by-election|manifesto|hustings)\b[^.!?]{0,80}\b(?:canvass(?:ing)?|leafleting|leafletting|door-?\s*knocking|knocking\s+(?:on\s+)?doors?|campaigning|out\s+on\s+the\s+doorstep|street\s+stall|deliver(?:ing)?\s+(?:[\w\-]+\s+){0,3}leaflets|help\s+(?:us|me)\s+win)\b",
          r"\bget\s+the\s+\w+\s+vote\s+out\b", r"\bvote\s+(?:for\s+)?(?:cllr|councillor|candidate)\b", r"\bvote\s+(?:them|him|her|cllr\s+\w+)\s+out\b",
          r"\b(?:i'm|i\s+am)\s+(?:standing|running)\s+(?:as|for)\b", r"#(?:vote\w+|\w+out|gtto|toriesout|labourout|jc4pm|\w+4pm|\w+2024|\w+2025)\b",
          r"\b(?:tories|labour|lib\s*dems|reform|greens)\s+(?:have\s+ruined|are\s+(?:ruining|destroying|finished))\b",
          r"\b(?:nomination\s+papers|re-?elected)\b", r"\b" + PARTY + r"\s+(?:[\w\-]+\s+){0,2}leaflets?\b",
      ], "unless": [r"\bat\s+the\s+count\b", r"\bregister\s+to\s+vote\b", r"\baward\b", r"\bgreen\s+flag\b"]},
      ["peterborough-3-political", "peterborough-6-party"]),
    r("political.restricted", "political", "medium", CONTENT + ["profile"],
      "possible party-political activity in a politically restricted post",
      {"scope": "politically_restricted", "patterns": [
          r"\bvote\s+(?:for\s+)?(?:the\s+)?" + PARTY + r"\b", r"\b(?:vote|voting|get|kick|boot)\s+(?:the\s+)?" + PARTY + r"\s+out\b",
          r"\b" + PARTY + r"\s+(?:vote|candidate|campaign|leaflets?|canvass\w*|rally|gain|win|victory|landslide|out|activists?|members?\s+needed|member|supporter)\b",
          r"\b(?:join|support|back|elect|re-?elect)\s+(?:the\s+)?" + PARTY + r"\b",
          r"\b(?:canvass(?:ing)?|leafleting|leafletting|door-?\s*knocking|knocking\s+(?:on\s+)?doors?|campaigning|out\s+on\s+the\s+doorstep|street\s+stall|deliver(?:ing)?\s+(?:[\w\-]+\s+){0,3}leaflets|help\s+(?:us|me)\s+win)\b(?=[^.!?]{0,80}\b(?:" + PARTY + r"|ward|election|candidate|vote|votes|polling|seat|by-election|manifesto|hustings)\b)", r"\b(?:" + PARTY + r"|ward|election|candidate|vote|votes|polling|seat|by-election|manifesto|hustings)\b[^.!?]{0,80}\b(?:canvass(?:ing)?|leafleting|leafletting|door-?\s*knocking|knocking\s+(?:on\s+)?doors?|campaigning|out\s+on\s+the\s+doorstep|street\s+stall|deliver(?:ing)?\s+(?:[\w\-]+\s+){0,3}leaflets|help\s+(?:us|me)\s+win)\b",
          r"\bget\s+the\s+\w+\s+vote\s+out\b", r"\b(?:i'm|i\s+am)\s+(?:standing|running)\s+(?:as|for)\b", r"#(?:vote\w+|\w+out|gtto)\b",
          r"\bproud\s+(?:labour|tory|conservative|green|lib\s*dem|reform|snp)\b",
      ], "unless": [r"\bregister\s+to\s+vote\b"]},
      ["sheffield-3", "tameside-conduct-political", "peterborough-6-party"]),

    r("speaking_for_council.statement", "speaking_for_council", "medium", CONTENT,
      "possibly speaking for the council",
      {"patterns": SPEAK, "near": {"targets": ["org"], "window": 120, "reply": True}, "unless": SPEAK_UNLESS},
      ["tameside-private-speak", "tameside-views-2", "portsmouth-a.3", "charnwood-resp-3", "charnwood-resp-7", "peterborough-5-speak"]),

    r("supplier_comment.named", "supplier_comment", "medium", ALL,
      "possible endorsement or criticism of a council supplier or partner",
      {"lexicon": {"groups": INSULT_GROUPS, "min_severity": 2},
       "patterns": [r"\b(?:brilliant|excellent|fantastic|amazing|great|superb|outstanding|best|worst|recommend(?:ed)?|highly\s+recommend|avoid|cowboys|rip-?off|overcharg\w*|overpriced|shoddy|botched|useless|rubbish|terrible|awful|shocking|hopeless|incompetent|a\s+shambles|can't\s+fault|couldn't\s+fault|top\s+notch|spot\s+on|five\s+stars|5\s+stars|first\s+class|second\s+to\s+none|lovely|wonderful|hero(?:es)?|angels|legends?|useless|clueless|lazy|dreadful|appalling|disgrace\w*|joke|never\s+(?:turn\s+up|answer|come)|couldn't\s+(?:manage|organise|run|fix)|can't\s+(?:fix|manage)|fab|fabulous|filthy|scandal\w*|into\s+the\s+ground|took\s+\d+\s+(?:weeks|months)|(?:never\s+)?let\s+(?:us|me)\s+down|are\s+the\s+ones|rip\w*\s+(?:\w+\s+){0,2}off|(?:fly-?)?tipping|dumping|cheat\w*|fiddl\w*|overcharge\w*|cutting\s+corners|cut\s+corners|not\s+fit\s+for\s+purpose|in\s+the\s+best\s+hands|well\s+done|(?:top|cracking|great|good|fantastic|brilliant|shoddy|poor|terrible|rubbish|bodged)\s+job|smashing|stars?|gold\s+standard|thank\s+you|thanks|praise|kudos|shout\s*-?out)\b"],
       "near": {"targets": ["suppliers", "partners"], "window": 70}},
      ["charnwood-resp-6", "charnwood-resp-4", "tameside-private-offensive", "peterborough-6-cite", "peterborough-4-detrimental", "peterborough-4-recommend"]),

    r("liked_inappropriate.content", "liked_inappropriate", "medium", ["like", "share"],
      "liked or shared content that would itself be flagged", {"detector": "liked_content"},
      ["tameside-conduct-like", "portsmouth-16.4", "charnwood-resp-1", "peterborough-3-responsible"]),

    r("service_user_connection.named", "service_user_connection", "high", ["connection", "tag", "message", "post", "comment", "group", "profile"],
      "possible social-media contact with a listed service user", {"detector": "service_user"},
      ["portsmouth-16.5", "charnwood-resp-5", "sheffield-12", "tameside-networks-4"]),

    r("self_identification.profile", "self_identification", "info", ["profile"],
      "the profile ties the account to the council",
      {"detector": "self_identification", "patterns": [
          r"\b(?:work(?:s|ing)?|employed)\s+(?:for|at)\s+(?:[\w\-]+\s+){0,3}council\b", r"\bcouncil\s+(?:officer|worker|employee|staff)\b",
          r"\b(?:officer|worker|manager|assistant|adviser|advisor|coordinator|co-ordinator|planner|surveyor|engineer|social\s+worker)\s+(?:at|for|with)\s+(?:[\w\-]+\s+){0,3}council\b"]},
      ["portsmouth-16.3", "portsmouth-16.4", "charnwood-resp-1", "sheffield-5", "tameside-conduct-associate", "tameside-views-1", "peterborough-4-identify"]),
    r("self_identification.post", "self_identification", "info", ["post", "comment", "group"],
      "the post ties the account to the council",
      {"patterns": [
          r"\b(?:i|i've|i\s+have|i'm|i\s+am|i\s+was|we|we're|we've)\s+(?:\w+\s+){0,2}(?:work(?:ed|ing|s)?|employed|started|joined|join|starting|been\s+(?:at|with)|based)\b",
          r"\b(?:council|work)\s+(?:laptop|phone|mobile|email|lanyard|badge|van|car|pass|id\s+card|vpn)\b",
          r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twenty-five|thirty)\s+years?\s+(?:at|with|in|for)\b",
          r"\b(?:my|our)\s+(?:\w+\s+)?(?:overtime|pay|wages|salary|rota|shifts?|pension|payslip|appraisal|christmas\s+do|jobs?|colleagues|team|manager|boss|shift|desk|office|department|dept|service|employer|workplace|workmates|first\s+day|last\s+day|anniversary|years?|contract|role|post|lanyard|badge|pass|staff\s+awards?|awards?|apprenticeship|placement)\b",
          r"\b(?:first|last)\s+day\b", r"\b\d+\s+years?\s+(?:at|with|in)\b", r"\b(?:proud|privileged|honoured)\s+to\s+(?:work|serve)\b",
          r"\b(?:new|the)\s+job\b", r"\bwork\s+(?:for|at)\b", r"\bhere\s+at\b", r"\b(?:us|we)\s+at\b", r"\bcouncil\s+here\b", r"\bebc\s+here\b",
          r"\bon\s+behalf\s+of\b", r"\b(?:we|we'll|we\s+will|we're|we've)\b(?=.{0,60}\b(?:refund|compensate|inspect|collect|fix|repair|close|review|resurface)\b)"],
       "near": {"targets": ["org_named"], "window": 100},
       "unless": [r"\bcouncil\s+tax\b", r"\b(?:rang|called|phoned|emailed|contacted|complained\s+to)\s+(?:the\s+)?(?:council|eastmoor|ebc)\b", r"\b(?:my|our)\s+(?:mum|dad|wife|husband|son|daughter|sister|brother|partner|friend|nan|grandad)\b"]},
      ["portsmouth-16.3", "charnwood-resp-1", "sheffield-5", "tameside-conduct-associate", "tameside-views-1", "peterborough-4-identify"]),
    r("self_identification.generic", "self_identification", "info", ["post", "comment", "group"],
      "says the author works for the council",
      {"patterns": one_scan([
          r"\b(?:i|i've|i\s+have|i'm|i\s+am|i\s+was|i've\s+been)\s+(?:\w+\s+){0,2}(?:work(?:ed|ing|s)?|employed|started)\s+(?:for|at|with|in)\s+(?:the|this|our|my)\s+(?:local\s+|borough\s+|city\s+|district\s+)?council\b(?!\s+tax)",
          r"\b(?:i'm|i\s+am|as)\s+a\s+(?:\w+\s+)?(?:council\s+(?:worker|officer|employee|apprentice)|local\s+government\s+(?:worker|officer|employee))\b",
          r"(?:^|[.!?]\s+)(?:been|just\s+started|started|starting|still)\s+(?:working|employed)\s+(?:for|at|with)\s+the\s+(?:local\s+)?council\b(?!\s+tax)",
          r"\bcouncil\s+(?:worker|officer|employee|staff)\s+here\b", r"\b(?:us|we)\s+council\s+(?:workers|staff|officers|employees)\b",
          r"\bmy\s+(?:job|work|shift|office|desk|team|manager|boss|colleagues|department|dept)\s+(?:at|in)\s+the\s+(?:council|town\s+hall|civic\s+centre|council\s+offices)\b",
          r"\b(?:years?|months?)\s+(?:at|with|working\s+for)\s+the\s+council\b(?=[^.!?]{0,60}\b(?:i|i've|my|me)\b)",
       ]),
       "unless": [r"\b(?:my|our|his|her)\s+(?:mum|dad|wife|husband|son|daughter|sister|brother|partner|friend|nan|grandad|mate|neighbour)\b", r"\bcouncil\s+tax\b"]},
      ["portsmouth-16.3", "charnwood-resp-1", "sheffield-5", "tameside-conduct-associate", "tameside-views-1", "peterborough-4-identify"]),
    r("self_identification.speaking", "self_identification", "info", ["post", "comment", "group"],
      "speaks as the council ('we', 'our'), tying the account to it",
      {"patterns": SPEAK_WE, "near": {"targets": ["org"], "window": 120, "reply": True}, "unless": SPEAK_UNLESS},
      ["portsmouth-16.3", "tameside-views-1", "tameside-conduct-associate", "peterborough-4-identify"]),
    r("self_identification.hashtag", "self_identification", "info", ["post", "comment", "group"],
      "uses the council's hashtag about their work", {"detector": "org_hashtag",
       "with": [r"\b(?:work|working|worked|job|shift|office|offices|lanyard|badge|colleagues?|team|teams|staff|department|dept|desk|emails?|inbox|meetings?|rota|payslip|overtime|appraisal|apprentice\w*|placement|induction|training\s+day|proud\s+to\s+(?:be|work|serve)|part\s+of\s+(?:the|it|this)|at\s+(?:the\s+)?(?:council|ebc|depot|town\s+hall|civic))\b"]},
      ["portsmouth-16.3", "tameside-conduct-associate", "peterborough-4-identify"]),

    r("missing_disclaimer.profile", "missing_disclaimer", "low", ["profile"],
      "no 'views are my own' disclaimer on a profile that identifies as an employee",
      {"detector": "missing_disclaimer", "patterns": DISCLAIMERS},
      ["portsmouth-a.4", "tameside-blog-2", "tameside-views-2", "peterborough-4-disclaimer", "charnwood-resp-3"]),
    r("work_email.profile", "work_email", "medium", ["profile"],
      "a work email address on the personal account", {"detector": "work_email"},
      ["tameside-conduct-email", "tameside-networks-3", "peterborough-4-email"]),
    r("work_time_use.hours", "work_time_use", "info", ["post", "share", "comment", "like", "message", "group"],
      "activity during working hours", {"detector": "working_hours"},
      ["tameside-ict-hours", "charnwood-cons-4", "sheffield-8", "sheffield-resp-breaks", "peterborough-4-occasional"]),
    r("absence_activity.recorded", "absence_activity", "info", ["post", "share", "comment", "like", "message", "group"],
      "activity during a recorded absence", {"detector": "absence"},
      ["sheffield-intro"]),
]

TARGETS["named"] = []
TARGETS["org_named"] = []

PACKS = {
    "portsmouth": "Portsmouth City Council: personal use of social media by employees (Code of Conduct s16)",
    "charnwood": "Charnwood Borough Council: personal use of social media sites",
    "sheffield": "Sheffield City Council: social networking policy",
    "tameside": "Tameside Council: social media use, responsible conduct",
    "peterborough": "Peterborough City Council: social media policy",
}

CLAUSE = {c[0]: c for c in CLAUSES}

def clause_json(c, with_source):
    d = {"id": c[0], "section": c[2], "quote": c[3]}
    if with_source:
        d["source"] = c[1]
    return d

def rule_json(rule, cites):
    m = dict(rule["match"])
    return {"id": rule["id"], "category": rule["category"], "severity": rule["severity"],
            "kinds": rule["kinds"], "summary": rule["summary"], "match": m, "clauses": cites}

def common(pack):
    pack["lexicons"] = ["lexicons/profanity-list.json", "lexicons/uk.json"]
    pack["fold"] = "lexicons/fold.json"
    pack["limits"] = {"matches": 20, "text_bytes": 1048576}
    pack["targets"] = TARGETS

def write(path, pack):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(pack, f, ensure_ascii=False, indent=1)
        f.write("\n")

for pid, title in PACKS.items():
    file, stitle, date = SEEDS[pid]
    pack = {"id": pid, "title": title, "source": {"file": file, "title": stitle, "date": date}}
    common(pack)
    rules, used = [], []
    for rule in RULES:
        cites = [c for c in rule["cites"] if CLAUSE[c][1] == pid]
        if not cites:
            continue
        rr = rule_json(rule, cites)
        if rule["category"] == "political":
            # Peterborough's policy applies to all staff; the others only to
            # politically restricted posts.
            if pid == "peterborough":
                if rule["id"] == "political.restricted":
                    continue
                rr["match"] = dict(rr["match"]); rr["match"]["scope"] = "all"
            elif rule["id"] == "political.campaign":
                continue
        rules.append(rr)
        used += [c for c in cites if c not in used]
    pack["clauses"] = [clause_json(CLAUSE[c], False) for c in [x[0] for x in CLAUSES] if c in used]
    pack["rules"] = rules
    write(pid + ".json", pack)

pack = {"id": "uk-council", "title": "UK council (all five seed policies)",
        "sources": [{"id": pid, "file": SEEDS[pid][0], "title": SEEDS[pid][1], "date": SEEDS[pid][2]} for pid in PACKS]}
common(pack)
pack["clauses"] = [clause_json(c, True) for c in CLAUSES]
pack["rules"] = [rule_json(rule, rule["cites"]) for rule in RULES]
write("uk-council.json", pack)
