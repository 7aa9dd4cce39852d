"""French for full-text search, read by :mod:`guillemet.store.textquery`.

Plain data: the Snowball stemmer's name, and the words a query leaves out when it has others
(the list PostgreSQL's ``french`` configuration also drops), so that "la grève des dockers"
searches "grève" and "dockers" on SQLite as on PostgreSQL.
"""

from __future__ import annotations

#: Snowball algorithm name (``snowballstemmer.stemmer(STEMMER)``); PostgreSQL's french_stem
#: is the same algorithm.
STEMMER = "french"

#: Words a query leaves out, accents folded (they are compared with folded query words).
STOP_WORDS: frozenset[str] = frozenset("""
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci
    cela ces cet cette d dans de des du elle en es est et etaient etais etait etant ete etes
    etiez etions etre eu eue eues eurent eus eusse eussent eusses eussiez eussions eut eutes
    eux fus fusse fussent fusses fussiez fussions fut futes ici il ils j je l la le les leur
    leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ont ou par pas pour qu que
    qui s sa se sera serai seraient serais serait seras serez seriez serions serons seront ses
    si soi soient sois soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un une
    vos votre vous y
""".split())
