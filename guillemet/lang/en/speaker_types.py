"""English words that tell what kind of source a speaker is, read by :mod:`guillemet.identity`.

Plain data only, the tables of ``guillemet.lang.fr.speaker_types``: common nouns matched as
whole words, case-insensitively (plurals listed: "official" is a person, "officials" a
group); proper names matched with their capitals; the leftmost match is the description's
head ("the report of the committee" is a document, "the spokesman for the Pentagon" a person).
"""

from __future__ import annotations

PERSON_WORDS: tuple[str, ...] = (
    "president", "vice president", "senator", "representative", "congressman",
    "congresswoman", "governor", "mayor", "secretary", "minister", "prime minister",
    "spokesman", "spokeswoman", "spokesperson", "press secretary", "official", "aide",
    "adviser", "advisor", "director", "chairman", "chairwoman", "chief", "leader", "candidate",
    "nominee", "lawmaker", "attorney", "lawyer", "prosecutor", "judge", "sheriff", "officer",
    "commissioner", "ambassador", "analyst", "expert", "economist", "strategist", "pollster",
    "professor", "researcher", "doctor", "reporter", "journalist", "columnist", "editor",
    "manager", "executive", "founder", "owner", "activist", "witness", "man", "woman",
    "mother", "father", "son", "daughter", "wife", "husband", "operative", "source", "speaker",
    "general", "king", "queen", "pope", "businessman", "businesswoman", "billionaire",
)

PERSON_TITLES: tuple[str, ...] = (
    "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "dr.", "dr", "sen.", "rep.", "gov.", "gen.",
    "prof.", "rev.", "sir", "dame", "lord", "lady",
)

ORGANISATION_WORDS: tuple[str, ...] = (
    "government", "administration", "campaign", "committee", "department", "agency",
    "ministry", "office", "party", "court", "supreme court", "congress", "senate", "house",
    "council", "commission", "board", "bureau", "company", "firm", "corporation",
    "organization", "organisation", "association", "union", "foundation", "institute",
    "university", "hospital", "police", "military", "army", "navy", "coalition", "caucus",
    "embassy", "bank", "fund", "center", "centre", "legislature", "cabinet", "white house",
    "pentagon", "kremlin", "state department", "justice department", "authorities",
)
ORGANISATION_NAMES: tuple[str, ...] = (
    "UN", "United Nations", "NATO", "EU", "European Union", "WHO", "IMF", "FBI", "CIA", "NSA",
    "DHS", "EPA", "GOP", "RNC", "DNC", "ACLU", "NRA", "Red Cross", "Amnesty International",
    "Human Rights Watch", "Federal Reserve", "Congressional Budget Office", "CBO",
)
COMPANY_SUFFIXES: tuple[str, ...] = (
    "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "LLC", "LLP", "plc", "Group",
    "Holdings",
)

MEDIA_WORDS: tuple[str, ...] = (
    "newspaper", "newspapers", "paper", "magazine", "network", "channel", "station", "radio",
    "television", "outlet", "wire service", "news agency", "website", "site", "publication",
    "media", "press", "tabloid", "show", "newsletter", "blog",
)
MEDIA_NAMES: tuple[str, ...] = (
    "Associated Press", "AP", "Reuters", "Bloomberg", "AFP", "Agence France-Presse", "CNN",
    "Fox News", "MSNBC", "NBC", "NBC News", "ABC", "ABC News", "CBS", "CBS News", "NPR",
    "PBS", "BBC", "The New York Times", "New York Times", "The Times", "The Washington Post",
    "Washington Post", "The Post", "The Wall Street Journal", "Wall Street Journal",
    "USA Today", "Politico", "Breitbart", "Breitbart News", "The Huffington Post",
    "Huffington Post", "HuffPost", "Western Journalism", "The Hill", "Axios", "BuzzFeed",
    "BuzzFeed News", "The Atlantic", "The New Yorker", "Time", "Newsweek", "The Guardian",
    "Los Angeles Times", "Chicago Tribune", "Boston Globe", "New York Post", "The Daily Beast",
    "Vox", "Slate", "Salon", "Mother Jones", "National Review", "The Weekly Standard",
    "Drudge Report", "Fox", "C-SPAN", "Univision", "Telemundo", "Al Jazeera",
)

DOCUMENT_WORDS: tuple[str, ...] = (
    "report", "reports", "statement", "study", "studies", "survey", "poll", "polls",
    "exit poll", "exit polls", "letter", "memo", "document", "documents", "filing",
    "lawsuit", "complaint", "ruling", "opinion", "email", "emails", "tweet", "tweets",
    "post", "press release", "release", "ad", "advertisement", "video", "book", "editorial",
    "op-ed", "transcript", "analysis", "audit", "estimate", "estimates", "data", "figures",
    "records", "indictment", "affidavit", "bill", "proposal", "platform", "resolution",
    "order", "executive order", "law",
)

GROUP_WORDS: tuple[str, ...] = (
    "officials", "aides", "advisers", "advisors", "sources", "experts", "analysts",
    "republicans", "democrats", "lawmakers", "senators", "voters", "supporters", "critics",
    "opponents", "protesters", "activists", "residents", "witnesses", "leaders", "members",
    "conservatives", "liberals", "progressives", "economists", "strategists", "pollsters",
    "investigators", "prosecutors", "officers", "people", "americans", "delegates", "donors",
    "staffers", "students", "workers", "parents", "employees", "observers", "insiders",
    "allies", "scientists", "researchers", "doctors", "lawyers", "attorneys", "organizers",
    "volunteers", "candidates", "governors", "mayors", "legislators", "diplomats", "spokesmen",
    "advocates", "families", "friends", "neighbors", "veterans", "soldiers", "troops",
    "they", "them", "some", "many", "others", "several", "both", "all",
)

GROUP_DETERMINERS: tuple[str, ...] = (
    "the", "these", "those", "some", "many", "several", "their", "most", "few", "other",
    "both", "all",
)

NAME_PARTICLES: tuple[str, ...] = (
    "de", "du", "des", "la", "le", "van", "von", "der", "den", "bin", "al", "el", "da", "dos",
    "di", "del", "ibn", "abu",
)

#: Titles and roles stripped from the front of a name before it becomes an id
#: ("Sen. Marco Rubio" → "marco-rubio", "President Barack Obama" → "barack-obama").
NAME_PREFIXES: tuple[str, ...] = PERSON_TITLES + (
    "president", "the president", "vice president", "the vice president", "senator",
    "the senator", "governor", "the governor", "mayor", "the mayor", "secretary of state",
    "secretary", "the secretary", "rep", "representative", "speaker", "house speaker",
    "the speaker", "former president", "former secretary of state", "gov", "sen",
    "republican", "democrat", "democratic", "candidate", "nominee", "presidential candidate",
    "republican presidential candidate", "democratic presidential candidate", "attorney general",
    "general", "judge", "justice", "chief justice", "prime minister", "the prime minister",
    "chancellor", "pope", "king", "queen", "dr", "professor", "prof",
)

ARTICLES: tuple[str, ...] = ("the", "a", "an")
