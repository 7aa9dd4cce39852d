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

#: The stems found in the most quotes of the French corpus (the 400 first, stop words left out;
#: ``scripts/common_stems.py`` on a store of ``../shared/data/fr-news.jsonl.gz``): a store keeps
#: counts for each (:mod:`guillemet.store.words`), so a search for one of them neither ranks nor
#: counts its matches one by one.
COMMON_STEMS: frozenset[str] = frozenset("""
    000 1 10 17 2 2019 3 5 accord achat acte action actuel affair afin agit aid ailleur ains
    aller alor an anne annonc appel apre arme arret arriv assemble assez assur attaqu attent
    attentat aucun augment aujourd auss aut autorit autr avant avoir baiss bas beaucoup besoin
    bien bless blocag bloqu bon ca cadr calm capital car carbur cas cass casseur caus cel celui
    centr certain ceux champ chang chaqu charg chef chez chiffr chos circul citoyen clair class
    climat coler comm commenc comment commerc commun compt concern condit continu contr cot coup
    cour cout cre cris debat debut decembr decid decis degrad dej demand democrat depuis derni
    dernier deux dev devr dialogu different difficil dimanch dir direct disposit dit doit
    doivent don donc dont droit dur ecolog econom ecout effet egal elect elle elyse emmanuel
    encor enfant engag enquet ensembl entendr entre entrepris environ etat europ europeen euros
    evit expliqu exprim extrem fac facon fair fais fait famill faut femm ferm fin financ fiscal
    fois fonction font forc form fort franc gagn gard gauch gen general gilet gouvern grand grav
    group hauss haut heur homm hui ide imag import impot inform initi interieur interpel jam
    janvi jaun jeun jour journal journe jusqu just justic laiss lanc libert lieu loi loin lor
    lund macron main mainten majorit mal manier manifest march mard matin membr menac mesur
    mettr mieux milliard million ministr mis mobilis moin mois moment mond montr mort mouv moyen
    national ndlr ni niveau nombr nombreux non not nouveau nouvel novembr nuit oper ordre
    organis ouvert pacif pai parc paris parl parol part particip pass pay pend pens permettr
    person petit peu peupl peut peuvent plac plus plusieur point polic polici polit popul
    populair port possibl pourr pouvoir pre premi premier prendr present president prevu pris
    prix problem prochain produit projet propos proposit pu public publiqu quand quatr quel
    quelqu question raison rapport rassembl referendum reform regl rencontr rend rendr repons
    represent republ respect responsabilit rest retrait retrouv revend rien risqu rond ru sais
    salair samed san securit selon semain sen sent servic seul situat social societ soir solut
    sort sous soutien sujet surtout system tant tax tel temp territoir tir total toujour tous
    tout train transit travail travaill tre trois trop trouv urgenc utilis va vehicul ven
    vendred ver veulent veut vi victim vill violenc violent vis vit vivr voir voitur vont vot
    voul vouloir vrai vu
""".split())
