"""What a language must provide for guillemet to find quotes in it: one :class:`Language`.

A language is data plus a few hooks, spaCy-style: ``guillemet/lang/<code>/`` builds one
``Language`` (a subclass when it overrides a hook) and names it ``LANGUAGE``. The steps read
only this object; no code elsewhere tests a word of any language or branches on its code.

Words are lower-cased surface forms unless a field says lemmas. Elided forms are listed with
both apostrophes ("l’", "l'").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by the steps, not by whoever only looks a language up
    from spacy.tokens import Doc, Token

#: What a cue verb may frame (the keys of ``Language.cue_verbs``'s values), named by role so
#: that they mean the same in any language.
FRAMES = {
    "clause": 'a reported clause after a complementizer ("a déclaré que …", "said that …")',
    "infinitive": 'a bare infinitive ("a dit vouloir …")',
    "to_infinitive": 'an infinitive after the "to" marker ("appeler X à …", "urge X to …")',
    "of_infinitive": 'an infinitive after the "of" marker ("demander à X de …")',
    "of_phrase": 'a noun phrase after "of" ("faire état de …")',
    "about_phrase": 'a noun phrase after "about" ("alerter sur …", "warn about …")',
    "object_clause": 'a person told, then the clause ("a averti les habitants que …")',
    "object_complement": 'what a thing is called: its object and the name given ("called the plan “a disaster”")',
    "object_phrase": 'a noun phrase object ("cited his endorsements")',
    "direct": "next to a quotation",
    "inverted": 'after a clause with its subject inverted ("…, a dit Y")',
    "mixed": "governs a quoted fragment",
}


@dataclass(frozen=True, eq=False)
class Language:
    """The resources of one language; the extraction code reads only these.

    Compared and hashed by identity (one object per language), so steps may cache what they
    compile from it.

    Attributes:
        code: ISO 639-1 code.
        model: Default spaCy model package name.

        quote_pairs: Opening quotation mark → its closing mark(s).
        primary_marks: The opening and closing marks the language's press uses most (« »),
            read as clause stops where other marks are not.

        cue_verbs: Lemma → frames (see :data:`FRAMES`).
        cue_forms: Surface forms whose lemma the tagger gets wrong → lemma.
        not_cue_lemmas: Verbs of thought or perception never taken for a cue on their own.
        observation_verbs: Cue lemmas that report an observation, not speech, after one of
            ``observation_modals`` ("a pu constater que").
        observation_modals: Lemmas of the verbs that make an observation verb no cue (pouvoir).
        impersonal_only: Cue lemmas that report speech only with an impersonal subject
            ("a-t-on appris").
        modal_verbs: Lemmas of verbs that carry another verb of saying ("a voulu préciser").
        self_description_verbs: Cue lemmas that, reflexive and followed by an attribute,
            describe rather than report ("6 % se disent « satisfaits »").
        naming_verbs: Lemmas and forms of verbs that name (a quotation after them is a name).
        naming_participles: Forms of a verb of saying that name when they follow a noun, a name
            or a comma ("le forfait dit « solidaire »", "Jeanne, dite « Mamie »"): the quotation
            after them is a label.
        non_speaker_subjects: Subjects (forms or lemmas) that make a cue no speech ("cela
            signifie", "des vidéos appellent à").
        infinitive_markers: Words before the infinitive of the to_/of_infinitive frames.
        about_words: Prepositions of the about_phrase frame.
        of_words: The preposition "of", elided and contracted: links a noun to its complement
            ("le ministre de l’Intérieur") and opens the of_phrase frame.
        of_contractions: The forms of ``of_words`` that carry an article ("du", "des"): the
            framed phrase starts with them.
        to_contractions: The preposition "to" fused with an article ("au", "aux"), which the
            tagger may call a determiner.
        role_links: Words joining a role to the office it serves, which the parser may hang
            on the verb ("le secrétaire d’État auprès du ministre"): the mention goes on.
        and_words: The coordinating "and" (joins two nouns of one subject).

        according_markers: Token sequences of "according to" markers ("selon", "d’ après").
        according_start_markers: Markers that only count at the start of a sentence before a
            comma ("Pour X, …").
        cited_forms: Participles of "cited by X" ("cité par"), followed by an agent preposition.
        agent_prepositions: Prepositions of a passive's agent ("par").
        impersonal_sources: Phrases standing for a source in impersonal cues
            ("a-t-on appris de source policière").
        non_source_nouns: Lemmas that make "selon X" a manner, not a source ("méthode").

        person_roles: Lemmas of nouns naming a person by role (ministre, maire, porte-parole).
        group_nouns: Lemmas and forms of nouns naming a group of people (manifestants).
        org_nouns: Lemmas of nouns naming an organisation (préfecture, ministère).
        document_nouns: Lemmas of nouns naming a document (rapport, communiqué).
        media_nouns: Lemmas of nouns naming a medium (journal, chaîne, agence).
        speech_nouns: Lemmas of nouns for what someone said or wrote ("les propos de X",
            "un tweet de X", "une information de la radio X"): X is the source.
        generic_nouns: Lemma → speaker type of nouns that stand for the last named source of
            that type ("l’organisation" → the organisation just named).
        named_after_nouns: Nouns of places and institutions named after a person ("lycée
            Victor Hugo", "rue Jean Jaurès"): a name after them is not a speaker.
        time_nouns: Lemmas and forms of time words (weekdays, months, "soir", "veille"): they
            sit between an inverted cue and its subject, and are never a source.
        role_complements: Words after a role that open its complement before the person's
            name ("le secrétaire d’État à l’Intérieur Jean Dupont").
        addressee_prepositions: Those of them that also name whom words are addressed to: a
            name right after one is the addressee ("écrivent les syndicalistes à Paul Durand"),
            not the holder of the role ("a spokesman for Hillary Clinton" keeps its name).

        pronouns: Subject pronoun (also its inverted form "-il") → (gender, number); gender
            "" when unmarked.
        inverted_pronouns: Inverted subject form → its pronoun ("-il" of "a-t-il" → "il").
        inversion_links: Prefixes of the tokens that link a verb to its inverted pronoun
            ("-t" of "a-t-il"): never a subject themselves.
        inversion_prefixes: Prefixes of the tokens glued after a verb that belong to its group
            ("-il" of "dit-il").
        impersonal_pronouns: Subject pronouns of an impersonal source ("on").
        expletive_pronouns: Subject pronouns that stand for no one in an impersonal passive
            ("il a été annoncé que").
        personal_pronouns: Pronouns that point to people far more often than to bodies.
        stressed_pronouns: Third-person pronouns after a preposition ("pour lui,").
        postposed_pronouns: Pronouns that can be a subject after its verb ("…, a témoigné
            l’un d’eux", "certains").
        indefinite_pronouns: Pronouns for part of a group ("certains"): a group speaker,
            never one named person.
        relative_pronouns: Relative pronouns that can be a cue's subject ("qui").
        relative_markers: Words opening a relative clause as pronouns (qui, que, dont, où).
        noun_relatives: Relatives that open a clause on the noun before them ("Selon le
            journal, qui cite une source, …").
        object_clitics: Object pronouns written before the verb ("nous a expliqué").
        reflexive_clitics: Reflexive pronouns written before the verb ("s’est félicité").

        determiners: Every determiner (articles, demonstratives, possessives).
        definite_articles: Definite articles.
        singular_definite_articles: Definite articles of one thing or person.
        singular_possessives: Possessives of one thing or person ("son avocate").
        possessive_owners: Possessive determiners by the number of their owner ("son": "s",
            "leur": "p"): "son entourage" is someone's entourage.
        relation_name: Names a relation to its owner ("entourage", "m", plural, "Paul Durand"
            → "l’entourage de Paul Durand"); None where the language has no such rule yet.
        demonstratives: Demonstrative determiners ("cette source" points back).
        incise_subject_starts: Words that may begin the subject after a verb of an incise
            (", remarque le maire").

        auxiliary_forms: Finite forms of the auxiliaries, as they sit before a participle.
        perfect_auxiliaries: Lemmas of the auxiliaries of a compound past ("a tempéré").
        infinitive_endings: Endings of infinitives (the tagger calls some participles ones).
        participle_endings: Endings of present participles ("ajoutant").
        gerund_markers: Words before a present participle that make a gerund ("en disant").
        concessive_gerund_words: Words before a gerund that make it the author's aside, ending
            a reported clause or infinitive ("tout en saluant l’effort des équipes").
        complementizers: Words introducing a reported clause (que, qu’).
        complementizer_optional: A reported clause may go without its complementizer
            ("said he would", English); then a clause the parse hangs on the verb is one.
        compound_conjunction_heads: First words of conjunctions ending in a complementizer
            ("alors que", "parce que"): that que opens no reported clause.
        subordinators: Words after which a comma opens an inserted source, not a claim
            ("alors même que, selon lui, …").
        clause_openers: Words right before an inserted marker that begin the claim after it
            ("…, dont, selon la police, …").
        sentence_connectors: Words that may open a sentence before "Selon X," (mais, et, en
            effet), lower case.
        clause_stops: Words after a comma where the author resumes (", ajoutant", ", selon").
        clause_stop_prefixes: Prefixes of such words ("d’après", "d’autant").
        adjunct_starts: Words after a comma that open an adjunct of the author's (", lors de").
        participle_phrase_starts: Words after a participle that make it the author's
            (", condamnées par …").

        titles: Honorifics before a name ("m.", "mme").
        abbreviations: Words whose full stop ends no sentence ("M.", "Dr.").
        name_particles: Lower-case words inside a person's name ("de", "von").
        name_linking_words: Small words a capitalised name or title leaves in lower case
            (« Gaulois de Calais »), apostrophes dropped ("d", "l").
        name_skip_words: Folded words that do not tell two names apart ("m", "de", "le").
        age_words: Nouns of an age after a name (", 15 ans"): the name is a person's.

        paragraph_sentences: The model's parser runs sentences on across paragraph breaks:
            a component set before it makes every paragraph start one (guillemet.nlp.load).
        entity_labels: The model's entity labels → guillemet's (PER, ORG, LOC, MISC, the
            labels of the French models, which the steps read); labels missing here are kept.
        quote_drop_below: The quote model's score under which a rule's quote is dropped, when
            this language needs another than the learner's (``guillemet.learn.quotes``);
            ``guillemet train`` writes it into the recipe.

        claims: Data module of dates and numbers (see ``guillemet.lang.fr.claims``).
        speaker_types: Data module of speaker types (see ``guillemet.lang.fr.speaker_types``).
        boilerplate: Data module of site boilerplate (see ``guillemet.lang.fr.boilerplate``).
    """

    code: str
    model: str

    # quotation marks
    quote_pairs: dict[str, str]
    primary_marks: tuple[str, str]

    # cues and their frames
    cue_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    cue_forms: dict[str, str] = field(default_factory=dict)
    not_cue_lemmas: frozenset[str] = frozenset()
    observation_verbs: frozenset[str] = frozenset()
    observation_modals: frozenset[str] = frozenset()
    impersonal_only: frozenset[str] = frozenset()
    modal_verbs: frozenset[str] = frozenset()
    self_description_verbs: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    naming_participles: frozenset[str] = frozenset()
    non_speaker_subjects: frozenset[str] = frozenset()
    infinitive_markers: frozenset[str] = frozenset()
    about_words: frozenset[str] = frozenset()
    of_words: frozenset[str] = frozenset()
    of_contractions: frozenset[str] = frozenset()
    to_contractions: frozenset[str] = frozenset()
    role_links: frozenset[str] = frozenset()
    and_words: frozenset[str] = frozenset()

    # "according to" sources
    according_markers: tuple[tuple[str, ...], ...] = ()
    according_start_markers: tuple[tuple[str, ...], ...] = ()
    cited_forms: frozenset[str] = frozenset()
    agent_prepositions: frozenset[str] = frozenset()
    impersonal_sources: tuple[str, ...] = ()
    non_source_nouns: frozenset[str] = frozenset()

    # nouns
    person_roles: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    org_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    media_nouns: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    generic_nouns: dict[str, str] = field(default_factory=dict)
    named_after_nouns: frozenset[str] = frozenset()
    time_nouns: frozenset[str] = frozenset()
    role_complements: frozenset[str] = frozenset()
    addressee_prepositions: frozenset[str] = frozenset()

    # pronouns
    pronouns: dict[str, tuple[str, str]] = field(default_factory=dict)
    inverted_pronouns: dict[str, str] = field(default_factory=dict)
    inversion_links: tuple[str, ...] = ()
    inversion_prefixes: tuple[str, ...] = ()
    impersonal_pronouns: frozenset[str] = frozenset()
    expletive_pronouns: frozenset[str] = frozenset()
    personal_pronouns: frozenset[str] = frozenset()
    stressed_pronouns: frozenset[str] = frozenset()
    postposed_pronouns: frozenset[str] = frozenset()
    indefinite_pronouns: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    relative_markers: frozenset[str] = frozenset()
    noun_relatives: frozenset[str] = frozenset()
    object_clitics: frozenset[str] = frozenset()
    reflexive_clitics: frozenset[str] = frozenset()

    # determiners
    determiners: frozenset[str] = frozenset()
    definite_articles: frozenset[str] = frozenset()
    singular_definite_articles: frozenset[str] = frozenset()
    singular_possessives: frozenset[str] = frozenset()
    possessive_owners: dict[str, str] = field(default_factory=dict)
    relation_name: Callable[[str, str, bool, str], str] | None = None
    demonstratives: frozenset[str] = frozenset()
    incise_subject_starts: frozenset[str] = frozenset()

    # verbs and clauses
    auxiliary_forms: frozenset[str] = frozenset()
    perfect_auxiliaries: frozenset[str] = frozenset()
    infinitive_endings: tuple[str, ...] = ()
    participle_endings: tuple[str, ...] = ()
    gerund_markers: frozenset[str] = frozenset()
    concessive_gerund_words: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    complementizer_optional: bool = False
    compound_conjunction_heads: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    clause_openers: frozenset[str] = frozenset()
    sentence_connectors: frozenset[str] = frozenset()
    clause_stops: frozenset[str] = frozenset()
    clause_stop_prefixes: tuple[str, ...] = ()
    adjunct_starts: frozenset[str] = frozenset()
    participle_phrase_starts: frozenset[str] = frozenset()

    # names and titles
    titles: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    name_linking_words: frozenset[str] = frozenset()
    name_skip_words: frozenset[str] = frozenset()
    age_words: frozenset[str] = frozenset()

    # the parser
    paragraph_sentences: bool = False
    entity_labels: dict[str, str] = field(default_factory=dict)
    quote_drop_below: float | None = None

    # data modules read by claims, identity and clean
    claims: ModuleType | None = None
    speaker_types: ModuleType | None = None
    boilerplate: ModuleType | None = None
    search: ModuleType | None = None  # full-text search: STEMMER, STOP_WORDS

    # -- derived --------------------------------------------------------------------------

    @cached_property
    def closing_marks(self) -> str:
        """Every closing quotation mark."""
        return "".join(self.quote_pairs.values())

    @cached_property
    def clitics(self) -> frozenset[str]:
        """Object and reflexive pronouns written before the verb."""
        return self.object_clitics | self.reflexive_clitics

    @cached_property
    def media_names(self) -> frozenset[str]:
        """The media names of the language's data, as written ("Le Monde", "AFP")."""
        return frozenset(getattr(self.speaker_types, "MEDIA_NAMES", ()))

    def is_not_cue(self, lemma: str) -> bool:
        return lemma in self.not_cue_lemmas

    def frames(self, lemma: str) -> frozenset[str]:
        """The frames of a cue lemma; empty when it is not a cue."""
        return self.cue_verbs.get(lemma, frozenset())

    # -- hooks: a language overrides these where its morphology needs them ---------------

    def infinitive_of(self, form: str) -> str | None:
        """The infinitive a verb form the tagger left as its own lemma may stand for, or None.

        French: "remarque" → "remarquer".
        """
        return None

    def bare_forms(self, lemma: str) -> tuple[str, ...]:
        """Forms of ``lemma`` that :meth:`infinitive_of` maps back to it ("remarque")."""
        return ()

    def is_gerund(self, verb: Token) -> bool:
        """Whether ``verb`` is a gerund the tagger may have missed ("en précisant")."""
        return False

    def to_universal(self, doc: Doc) -> None:
        """Rewrite the parse in Universal Dependencies, in place, when the language's model
        labels otherwise (the steps read UD labels: nsubj:pass, obj, obl, case, flat:name …).

        The French models speak UD: nothing to do. English: guillemet.lang.en.universal.
        """
