"""French words that tell what kind of source a speaker is, read by :mod:`guillemet.identity`.

Plain data only. Common nouns are matched as whole words, case- and accent-insensitively
(list plural forms explicitly: "syndicat" is an organisation, "syndicats" a group). Proper
names (``*_NAMES``) are matched with their capitals, so "Le Monde" is a newspaper and
"le monde entier" is not. When several words match, the leftmost wins: it is the head of the
description ("le rapport de l'ONU" is a document, "le porte-parole du Kremlin" a person).
"""

from __future__ import annotations

#: Nouns naming a person by role or title.
PERSON_WORDS: tuple[str, ...] = (
    "président", "présidente", "ministre", "premier ministre", "porte-parole", "maire",
    "directeur", "directrice", "chef", "cheffe", "dirigeant", "dirigeante", "secrétaire",
    "général", "générale", "député", "députée", "sénateur", "sénatrice", "ambassadeur",
    "ambassadrice", "procureur", "procureure", "avocat", "avocate", "juge", "commandant",
    "colonel", "conseiller", "conseillère", "expert", "experte", "chercheur", "chercheuse",
    "spécialiste", "médecin", "témoin", "habitant", "habitante", "responsable", "patron",
    "patronne", "candidat", "candidate", "chancelier", "chancelière", "roi", "reine", "pape",
    "préfet", "préfète", "gouverneur", "élu", "élue", "militant", "militante", "analyste",
    "professeur", "professeure", "économiste", "historien", "historienne", "journaliste",
    "correspondant", "correspondante", "homme", "femme", "mère", "père", "fils", "fille",
)

#: Words and titles naming a person before a name ("M. Macron", "Mme Zelenska").
PERSON_TITLES: tuple[str, ...] = (
    "m.", "mme", "mlle", "mr", "mrs", "ms", "dr", "pr", "me", "mgr", "monsieur", "madame",
    "mademoiselle", "docteur", "maître", "sir", "lord",
)

#: Nouns and proper names of organisations.
ORGANISATION_WORDS: tuple[str, ...] = (
    "ministère", "ministères", "préfecture", "armée", "armées", "forces armées",
    "état-major", "gouvernement", "parti", "syndicat", "association", "police", "gendarmerie",
    "mairie", "commune", "conseil", "commission", "parlement", "assemblée", "sénat",
    "tribunal", "cour", "parquet", "entreprise", "société", "groupe", "compagnie", "banque",
    "fédération", "fondation", "organisation", "agence de santé", "administration",
    "autorités", "autorité", "ambassade", "service", "services", "office", "institut",
    "université", "hôpital", "ong", "région", "département", "municipalité", "collectif",
    "club", "union", "alliance", "coalition", "régime", "junte", "présidence",
    "diplomatie", "douane", "douanes", "pompiers", "secours", "justice", "kremlin", "élysée",
    "matignon", "pentagone", "maison blanche", "quai d'orsay", "bercy",
)
ORGANISATION_NAMES: tuple[str, ...] = (
    "ONU", "OTAN", "UE", "OMS", "FMI", "BCE", "UNESCO", "UNICEF", "Nations unies",
    "Union européenne", "Commission européenne", "Croix-Rouge", "Amnesty International",
    "Human Rights Watch", "Médecins sans frontières", "Gazprom", "Wagner",
)
#: Last words of company names ("Total SA", "Acme Inc").
COMPANY_SUFFIXES: tuple[str, ...] = (
    "SA", "SAS", "SASU", "SARL", "SE", "SNC", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "GmbH",
    "AG", "plc", "NV", "BV", "Corp", "Corp.", "Group", "Groupe",
)

#: Nouns and proper names of media.
MEDIA_WORDS: tuple[str, ...] = (
    "journal", "journaux", "quotidien", "hebdomadaire", "magazine", "chaîne", "radio",
    "télévision", "agence", "agence de presse", "site", "média", "médias", "presse",
    "rédaction", "gazette", "revue", "télé", "tv",
)
MEDIA_NAMES: tuple[str, ...] = (
    "AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "Bloomberg",
    "CCTV", "BBC", "CNN", "TASS", "RIA Novosti", "Interfax", "Xinhua", "Al Jazeera",
    "Le Monde", "Le Figaro", "Libération", "Le Parisien", "Les Échos", "L'Express",
    "Le Point", "L'Obs", "Mediapart", "Ouest-France", "La Croix", "L'Humanité",
    "Le Journal du dimanche", "JDD", "BFMTV", "BFM TV", "TF1", "France 2", "France 24",
    "franceinfo", "France Inter", "RFI", "RTL", "Europe 1", "LCI", "CNews", "Arte",
    "The New York Times", "New York Times", "Washington Post", "The Guardian", "Guardian",
    "Financial Times", "Wall Street Journal", "Der Spiegel", "Bild", "Die Zeit",
    "Kommersant", "Izvestia", "Pravda", "RT", "Sputnik", "Kyiv Independent", "Politico",
    "France 3", "France 5", "France Télévisions", "France Bleu", "France Culture", "M6", "C8",
    "TMC", "LCP", "Public Sénat", "RMC", "Sud Ouest", "La Dépêche du Midi", "Le Progrès",
    "20 Minutes", "Marianne", "Le Canard enchaîné", "Paris Match", "L'Opinion", "La Provence",
    "La Voix du Nord", "Le Télégramme", "Midi libre", "Nice-Matin", "Le Dauphiné libéré",
    "RTBF", "RTS", "Le Soir", "La Libre Belgique", "Le Temps", "Tribune de Genève",
    "Radio-Canada", "Le Devoir", "La Presse", "Le Journal de Montréal", "Daily Mail",
    "Daily Mirror", "The Independent", "The Times", "The Sun", "Sun", "El País", "Fox News",
)

#: Nouns naming a document.
DOCUMENT_WORDS: tuple[str, ...] = (
    "rapport", "rapports", "communiqué", "étude", "études", "sondage", "enquête", "lettre",
    "document", "documents", "texte", "courrier", "arrêté", "décret", "note", "mémo",
    "résolution", "circulaire", "bilan", "avis", "compte rendu", "procès-verbal",
    "déclaration commune", "tweet", "message", "publication", "projet de loi", "loi",
    "jugement", "arrêt", "ordonnance", "plainte", "contrat", "traité", "accord",
)

#: Nouns naming a group of people, and plural pronouns.
GROUP_WORDS: tuple[str, ...] = (
    "manifestants", "habitants", "syndicats", "gilets jaunes", "experts", "riverains",
    "témoins", "médecins", "soignants", "élus", "militants", "responsables", "officiels",
    "sources", "analystes", "observateurs", "opposants", "étudiants", "agriculteurs",
    "salariés", "grévistes", "proches", "voisins", "familles", "parents", "enseignants",
    "chercheurs", "scientifiques", "spécialistes", "habitantes", "survivants", "victimes",
    "soldats", "militaires", "policiers", "pompiers volontaires", "députés", "sénateurs",
    "dirigeants", "ministres", "citoyens", "électeurs",
    "ils", "elles", "eux", "certains", "certaines", "plusieurs", "beaucoup", "tous",
)

#: Plural determiners that make an unknown description a group ("les voisins d'en face").
GROUP_DETERMINERS: tuple[str, ...] = ("les", "des", "ces", "leurs", "plusieurs", "certains",
                                      "certaines", "de nombreux", "de nombreuses", "nombre de")

#: Lower-case words allowed inside a personal name ("Charles de Gaulle", "Ursula von der
#: Leyen"); the other words of a name start with a capital.
NAME_PARTICLES: tuple[str, ...] = (
    "de", "du", "des", "d'", "la", "le", "van", "von", "der", "den", "ben", "bin", "al",
    "el", "da", "dos", "di", "y", "ibn", "abu",
)

#: Titles and roles stripped from the front of a name before it becomes an id
#: ("M. Macron" → "macron", "le président Emmanuel Macron" → "emmanuel-macron").
NAME_PREFIXES: tuple[str, ...] = PERSON_TITLES + (
    "le président", "la présidente", "le ministre", "la ministre", "le premier ministre",
    "la première ministre", "le porte-parole", "la porte-parole", "le maire", "la maire",
    "le général", "la générale", "le chancelier", "la chancelière", "le pape", "le roi",
    "la reine", "le député", "la députée", "le sénateur", "la sénatrice", "le préfet",
    "la préfète", "le docteur", "la docteure", "le professeur", "la professeure",
    "président", "présidente", "ministre", "général", "maire",
)

#: Articles stripped from the front of any name ("le Kremlin" → "kremlin").
ARTICLES: tuple[str, ...] = ("le", "la", "les", "l'", "un", "une", "des", "du")

# --- who is an identity across articles (read by guillemet.speakers) ------------------------

#: Titles that tell a profession ("Me" for a lawyer, "Dr", "Mgr"): a lone surname after one is
#: someone else than the politician of that surname, so "Me Philippe" keeps the title in its id
#: and never joins "Édouard Philippe".
DISTINCTIVE_TITLES: tuple[str, ...] = (
    "me", "maître", "dr", "docteur", "pr", "professeur", "mgr", "monseigneur",
)

#: Words that make a description point back to someone named before ("la même source",
#: "ce dernier", "l'intéressé"): a speaker in its article, never an identity of its own.
ANAPHORIC_WORDS: tuple[str, ...] = (
    "même", "mêmes", "dernier", "dernière", "derniers", "dernières", "intéressé", "intéressée",
    "intéressés", "intéressées", "précité", "précitée", "susdit", "susdite", "ledit", "ladite",
    "lesdits", "lesdites", "celui", "celle", "ceux", "celles", "celui-ci", "celle-ci",
    "l'un", "l'une", "l'autre", "autre", "autres",
)

#: Determiners and quantifiers that start a description of no one in particular ("une source
#: policière", "un manifestant") or of someone named before ("cette femme", "sa porte-parole").
NON_IDENTITY_DETERMINERS: tuple[str, ...] = (
    "un", "une", "des", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs",
    "notre", "nos", "votre", "vos", "mon", "ma", "mes", "d'autres", "certains", "certaines",
    "plusieurs", "quelques", "tout", "tous", "toute", "toutes", "aucun", "aucune", "chaque",
    "la plupart", "de nombreux", "de nombreuses", "nombre de", "beaucoup", "on", "-on",
)

#: Words that never head a speaker's description (things, not sources): a quote "said" by
#: one of them has no speaker ("L'année 2018 a confirmé …", "ce week-end").
NOT_SPEAKER_HEADS: tuple[str, ...] = (
    "année", "an", "ans", "mois", "semaine", "jour", "journée", "matin", "matinée", "soir",
    "soirée", "nuit", "midi", "minuit", "week-end", "veille", "lendemain", "hier",
    "aujourd'hui", "demain", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "mi-janvier", "mi-février", "mi-mars",
    "mi-avril", "mi-mai", "mi-juin", "mi-juillet", "mi-août", "mi-septembre", "mi-octobre",
    "mi-novembre", "mi-décembre", "début", "fin", "jusque", "jusqu'à", "côté", "acte",
)
