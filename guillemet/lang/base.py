"""What a language must provide for guillemet to find quotes in it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    """The resources of one language; the extraction code reads only these.

    Attributes:
        code: ISO 639-1 code.
        model: Default spaCy model package name.
        quote_pairs: Opening quotation mark → its closing mark(s).
        cue_verbs: Lemma → frames. Frames: "que" (reported clause), "inf" (infinitive
            content), "direct" (next to a quotation), "inverted" ("X, a dit Y"), "mixed"
            (governs a quoted fragment), "a_inf"/"de_inf" (appeler à / demander de + inf),
            "sur"/"de" (alerter sur / faire état de + noun phrase), "obj_que" (a person
            told between the verb and its clause: "a averti les habitants que").
        cue_forms: Lower-cased surface forms whose lemma the tagger gets wrong → lemma.
        not_cue_lemmas: Verbs of thought or perception never taken for a cue on their own.
        according_markers: Lower-cased marker phrases of "according to" quotes.
        according_start_markers: Markers that only count at the start of a clause ("pour").
        impersonal_sources: Phrases standing for a source in impersonal cues
            ("a-t-on appris de source policière").
        non_source_nouns: Lemmas that make "selon X" a manner, not a source ("méthode").
        person_roles: Lemmas of nouns naming a person by role (ministre, maire, porte-parole).
        group_nouns: Lemmas of nouns naming a group of people (manifestants).
        org_nouns: Lemmas of nouns naming an organisation (préfecture, ministère).
        document_nouns: Lemmas of nouns naming a document (rapport, communiqué).
        media_nouns: Lemmas of nouns naming a medium (journal, chaîne, agence).
        pronouns: Lower-cased subject pronoun → (gender, number); gender "" when unmarked.
        relative_pronouns: Lower-cased relative pronouns ("qui").
        titles: Lower-cased honorifics before a name ("m.", "mme").
        time_nouns: Lemmas of time words that sit between an inverted cue and its subject.
        complementizers: Lower-cased words introducing a reported clause (que, qu’).
        speech_nouns: Lemmas of nouns for what someone said or wrote ("les propos de X",
            "un tweet de X", "une information de la radio X"): X is the source.
        indefinite_pronouns: Lower-cased pronouns for part of a group ("certains"): a group
            speaker, never one named person.
        naming_verbs: Lemmas of verbs that name (a quotation after them is a name): surnommer.
        demonstratives: Lower-cased demonstrative determiners ("cette source" points back).
        generic_nouns: Lemma → speaker type of nouns that stand for the last named source of
            that type ("l’organisation" → the organisation just named).
        observation_verbs: Cue lemmas that report an observation, not speech, after "pouvoir"
            ("a pu constater que").
        impersonal_only: Cue lemmas that report speech only with "on" ("a-t-on appris").
        non_speaker_subjects: Lower-cased subjects (forms or lemmas) that make a cue no speech
            ("cela signifie", "des vidéos appellent à").
        modal_verbs: Lemmas of verbs that carry another verb of saying ("a voulu préciser").
        named_after_nouns: Lower-cased nouns of places and institutions named after a person
            ("lycée Victor Hugo", "rue Jean Jaurès"): a name after them is not a speaker.
    """

    code: str
    model: str
    quote_pairs: dict[str, str]
    cue_verbs: dict[str, frozenset[str]]
    cue_forms: dict[str, str] = field(default_factory=dict)
    not_cue_lemmas: frozenset[str] = frozenset()
    according_markers: tuple[str, ...] = ()
    according_start_markers: tuple[str, ...] = ()
    impersonal_sources: tuple[str, ...] = ()
    non_source_nouns: frozenset[str] = frozenset()
    person_roles: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    org_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    media_nouns: frozenset[str] = frozenset()
    pronouns: dict[str, tuple[str, str]] = field(default_factory=dict)
    relative_pronouns: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    time_nouns: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    named_after_nouns: frozenset[str] = frozenset()
    modal_verbs: frozenset[str] = frozenset()
    non_speaker_subjects: frozenset[str] = frozenset()
    impersonal_only: frozenset[str] = frozenset()
    observation_verbs: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    indefinite_pronouns: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    generic_nouns: dict[str, str] = field(default_factory=dict)

    @property
    def closing_marks(self) -> str:
        """Every closing quotation mark."""
        return "".join(self.quote_pairs.values())

    def is_not_cue(self, lemma: str) -> bool:
        return lemma in self.not_cue_lemmas

    def frames(self, lemma: str) -> frozenset[str]:
        """The frames of a cue lemma; empty when it is not a cue."""
        return self.cue_verbs.get(lemma, frozenset())
