"""The whole extraction as tables of short sentences we wrote: one row per construction,
negatives included, and properties that must hold on any input. Each step has its own tests
on parsed sentences (test_marks, test_cues, test_quotes, test_resolve, test_claims)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guillemet import extract


def quotes_of(text):
    return [(q.kind, q.content_text, q.speaker) for q in extract(text)]


# (sentence, kind, content, speaker) — the quote that must be found
FOUND = [
    # direct, every kind of mark
    ("« Nous tiendrons bon », a déclaré Paul Durand.", "direct", "Nous tiendrons bon", "Paul Durand"),
    ("«\u202fNous tiendrons bon\u202f», a déclaré Paul Durand.", "direct", "Nous tiendrons bon", "Paul Durand"),
    ("“Nous tiendrons bon”, a affirmé Paul Durand.", "direct", "Nous tiendrons bon", "Paul Durand"),
    ('"Nous tiendrons bon", a assuré Paul Durand.', "direct", "Nous tiendrons bon", "Paul Durand"),
    ("‹ Nous tiendrons bon ›, a lancé Paul Durand.", "direct", "Nous tiendrons bon", "Paul Durand"),
    ("„Nous tiendrons bon“, a dit Paul Durand.", "direct", "Nous tiendrons bon", "Paul Durand"),
    ("Claire Martin a déclaré : « Le budget est prêt. »", "direct", "Le budget est prêt.", "Claire Martin"),
    ("« Le budget est prêt », a-t-elle dit, selon Claire Martin.", "direct", "Le budget est prêt", None),
    # inverted subject and pronoun
    ("Claire Martin est arrivée à midi. « Le budget est prêt », a-t-elle déclaré.", "direct",
     "Le budget est prêt", "Claire Martin"),
    ("Paul Durand est arrivé tard. « Je suis fatigué », dit-il.", "direct", "Je suis fatigué", "Paul Durand"),
    # post-posed subject past time words, adverbs and prepositional phrases
    ("« Le marché rouvrira », a affirmé sur la chaîne Radio Loire le ministre du Commerce Paul Durand.",
     "direct", "Le marché rouvrira", "Paul Durand"),
    ("« Nous tiendrons bon », s’est félicité sur Facebook Paul Durand, un des organisateurs.",
     "direct", "Nous tiendrons bon", "Paul Durand"),
    ("« Nous tiendrons bon », expliquait à Lyon parmi des centaines de grévistes Sophie, une infirmière.",
     "direct", "Nous tiendrons bon", "Sophie"),
    ("« Nous tiendrons bon », affirmait, dimanche, Paul Durand.", "direct", "Nous tiendrons bon", "Paul Durand"),
    ("« Nous tiendrons bon », a poursuivi M.\u00a0Durand.", "direct", "Nous tiendrons bon", "Durand"),
    ("« Nous tiendrons bon », avait pour sa part soutenu Me Claire Martin, avocate de la coopérative.",
     "direct", "Nous tiendrons bon", "Claire Martin"),
    ("Le prévenu a été relaxé, a précisé son avocate, Me Claire Martin.", "indirect",
     "Le prévenu a été relaxé", "Claire Martin"),
    ("« Nous tiendrons bon », a déclaré le secrétaire d’État à la Mer Paul Durand, en visite à Brest.",
     "direct", "Nous tiendrons bon", "Paul Durand"),
    ("Les cheminots restent « soudés comme au premier jour », a insisté l’un d’eux, Paul Durand, près de la gare.",
     "direct", "soudés comme au premier jour", "Paul Durand"),
    ("Sophie, 31 ans, résume l’humeur du cortège : « Nous tiendrons bon ».", "direct", "Nous tiendrons bon", "Sophie"),
    ("« Merci aux pompiers », a twitté le maire Louis Bernard.", "direct", "Merci aux pompiers", "Louis Bernard"),
    ("« Nous reviendrons samedi », glisse aussi « Titou », un apiculteur de 58 ans.", "direct",
     "Nous reviendrons samedi", "Titou"),
    ("« Deux ans, c’est long » pendant ce temps. Paul Durand a conclu : « Il faut agir. »", "direct",
     "Il faut agir.", "Paul Durand"),
    ("« Si les agents sont satisfaits, remarque Paul Durand, ils attendent des gestes. »", "direct",
     "ils attendent des gestes.", "Paul Durand"),
    ("« Ce sont des quartiers qu’on oublie toujours », analyse Paul Durand, député.", "direct",
     "Ce sont des quartiers qu’on oublie toujours", "Paul Durand"),
    ("« Les collectes demandent des moyens », l’explique Claire Martin, trésorière.", "direct",
     "Les collectes demandent des moyens", "Claire Martin"),
    # any verb inverted in an incise after a quotation, modals included
    ("« J’ai séché les cours moi aussi », s’est souvenu Paul Durand.", "direct",
     "J’ai séché les cours moi aussi", "Paul Durand"),
    ("« Allez, courage », les encourageait Claire Martin depuis le trottoir.", "direct", "Allez, courage", "Claire Martin"),
    ("« Le dossier est clos », a notamment voulu préciser le maire Louis Bernard.", "direct",
     "Le dossier est clos", "Louis Bernard"),
    # indirect: que-clause, infinitive, inverted cue
    ("Le ministre Jean Dupuis a déclaré que la réforme serait votée en juin.", "indirect",
     "la réforme serait votée en juin", "Jean Dupuis"),
    ("La mairie a annoncé lundi qu’elle fermerait le pont en mai.", "indirect",
     "elle fermerait le pont en mai", "La mairie"),
    ("Le maire Louis Bernard a promis que les auteurs, « qui se cachent », seraient « poursuivis ».",
     "indirect", "les auteurs, « qui se cachent », seraient « poursuivis »", "Louis Bernard"),
    ("Le gouvernement a appelé dimanche à cesser les violences, condamnées par le président.", "indirect",
     "cesser les violences", "Le gouvernement"),
    ("La préfecture a demandé aux habitants de rester chez eux, au lendemain de la tempête.", "indirect",
     "rester chez eux", "La préfecture"),
    ("Le syndicat a assuré que « les bus resteront au dépôt », l’un des points clés du conflit.", "indirect",
     "« les bus resteront au dépôt »", "Le syndicat"),
    # an inverted cue after a clause with quoted parts of three words or more: each part is a
    # direct quote of the speaker (GUIDELINES.md: a quote broken by the author's own words)
    ("Le pont « coûtera bien trop cher » et « ne servira à rien », a ajouté Paul Durand.", "direct",
     "coûtera bien trop cher", "Paul Durand"),
    ("Le pont « coûtera bien trop cher » et « ne servira à rien », a ajouté Paul Durand.", "direct",
     "ne servira à rien", "Paul Durand"),
    ("Visé par la plainte, le nouveau fusil « reste clairement une arme dangereuse », précise Paul Durand.",
     "direct", "reste clairement une arme dangereuse", "Paul Durand"),
    # … but quoted noun phrases inside the author's clause leave the whole clause reported
    ("Le syndicat réclame « une hausse générale des salaires » avant l’été, a dit Paul Durand.", "indirect",
     "Le syndicat réclame « une hausse générale des salaires » avant l’été", "Paul Durand"),
    # an inverted cue after a clause that ends with a short quoted fragment
    ("Le ministre veut opposer « la fermeté » à « la violence », a dit Paul Durand.", "indirect",
     "Le ministre veut opposer « la fermeté » à « la violence »", "Paul Durand"),
    ("Le préfet a averti les habitants qu’une nouvelle tempête pourrait frapper la côte.", "indirect",
     "une nouvelle tempête pourrait frapper la côte", "Le préfet"),
    ("Le maire a appelé les riverains à être « patients » pendant les travaux.", "indirect",
     "être « patients » pendant les travaux", "Le maire"),
    ("Le député Paul Durand a voté contre la réforme alors même que, selon lui, « les moyens existent ».",
     "according_to", "« les moyens existent »", "Paul Durand"),
    ("Le maire a appelé les riverains à rester « prudents » après la tempête et à « ne pas sortir ».", "indirect",
     "rester « prudents » après la tempête et à « ne pas sortir »", "Le maire"),
    ("« Le chantier progresse », a assuré le ministre, précisant attendre « tous les rapports » des experts.",
     "indirect", "attendre « tous les rapports » des experts", "le ministre"),
    ("Le ministre a promis des « règles claires », assurant être prêt à « revoir sa copie ».",
     "indirect", "être prêt à « revoir sa copie »", "Le ministre"),
    ("Le chanteur remplit les salles. Ce succès est le fruit d’un long travail, nous a expliqué le chanteur.",
     "indirect", "Ce succès est le fruit d’un long travail", "le chanteur"),
    ("Le débat est « secondaire » à ses yeux, a tempéré Paul Durand, député européen.", "indirect",
     "Le débat est « secondaire » à ses yeux", "Paul Durand"),
    ("La ministre Claire Martin a aussi fait état de 300 interpellations depuis lundi.", "indirect",
     "300 interpellations depuis lundi", "Claire Martin"),
    ("Claire Martin a dit vouloir quitter la présidence du club.", "indirect",
     "vouloir quitter la présidence du club", "Claire Martin"),
    ("Les travaux dureront deux ans, a annoncé vendredi le maire Louis Bernard.", "indirect",
     "Les travaux dureront deux ans", "Louis Bernard"),
    ("Le préfet Marc Olivier a appelé les riverains à fermer leurs volets.", "indirect",
     "fermer leurs volets", "Marc Olivier"),
    # selon-type
    ("Selon le maire Louis Bernard, les travaux dureront deux ans.", "according_to",
     "les travaux dureront deux ans", "Louis Bernard"),
    ("Les travaux dureront deux ans, selon la préfecture.", "according_to",
     "Les travaux dureront deux ans", "la préfecture"),
    ("D’après Claire Martin, le budget sera voté mardi.", "according_to",
     "le budget sera voté mardi", "Claire Martin"),
    ("Pour le syndicat, cette réforme est injuste.", "according_to", "cette réforme est injuste", "le syndicat"),
    # selon-type in the middle of a sentence, with abbreviations and glued sentences around
    ("La marche, qui a réuni 2 000 personnes selon la préfecture, a été calme.", "according_to",
     "qui a réuni 2 000 personnes", "la préfecture"),
    ("La baisse est nette avec selon les chiffres du ministère, 4 000 grévistes dans tout le pays.",
     "according_to", "4 000 grévistes dans tout le pays", None),
    ("Selon le journal local, qui cite M. Durand, le pont sera fermé en mai.", "according_to",
     "le pont sera fermé en mai", "le journal local"),
    ("Le chantier a pris du retard.Le pont sera fermé en mai, selon la mairie.", "according_to",
     "Le pont sera fermé en mai", "la mairie"),
    # a verb of saying in a relative clause: its clause ends where the sentence's verb resumes
    ("La conseillère Claire Martin, qui a dit vouloir quitter le parti, présidait encore la séance.", "indirect",
     "vouloir quitter le parti", "Claire Martin"),
    ("Le maire Louis Bernard, qui a assuré que le pont rouvrirait, est parti.", "indirect", "le pont rouvrirait",
     "Louis Bernard"),
    # a quoted fragment inside a reported clause is part of that clause, not a quote of its own
    ("Paul Durand a annoncé qu'il observerait « de très près » les programmes de la chaîne.", "indirect",
     "il observerait « de très près » les programmes de la chaîne", "Paul Durand"),
    ("Douze camions ont été contrôlés « sans le moindre incident », a indiqué la gendarmerie.", "indirect",
     "Douze camions ont été contrôlés « sans le moindre incident »", "la gendarmerie"),
    # "Pour X," after a connector, X a party to a trial; the holder's name set off after X
    ("Le procès s'est ouvert lundi. Mais pour l'avocat, son client est bien innocent.", "according_to",
     "son client est bien innocent", "l'avocat"),
    ("Le procès s'est ouvert lundi. Pour l'accusation, la culpabilité de l'accusé ne fait aucun doute.",
     "according_to", "la culpabilité de l'accusé ne fait aucun doute", "l'accusation"),
    ("Le projet avance. Pour le maire, Paul Durand, il faut aller vite.", "according_to", "il faut aller vite",
     "Paul Durand"),
    ("Le budget est serré. À entendre la direction, l'usine rouvrira dès lundi.", "according_to",
     "l'usine rouvrira dès lundi", "la direction"),
    # the claim in a relative clause whose pronoun follows the marker; its source, the noun before
    ("Le syndicat a publié une étude selon laquelle les salaires ont baissé de 4 % en dix ans.", "according_to",
     "les salaires ont baissé de 4 % en dix ans", "une étude"),
    ("La ministre, Claire Morel, selon laquelle la réforme est indispensable, a quitté la salle.", "according_to",
     "la réforme est indispensable", "Claire Morel"),
    ("Le tribunal a suivi le procureur Marc Lenoir, pour qui les prévenus voulaient en découdre.", "according_to",
     "les prévenus voulaient en découdre", "Marc Lenoir"),
    ("Le ministre Paul Durand, pour qui « le projet est mort », se tait.", "direct", "le projet est mort",
     "Paul Durand"),
    ("Le club a gagné 3 matchs (dont 2 à l’extérieur), selon la ligue.", "according_to",
     "Le club a gagné 3 matchs (dont 2 à l’extérieur)", "la ligue"),
    ("Il a confirmé la date, en évoquant une « vingtaine de stands fermés », selon la police.",
     "according_to", "Il a confirmé la date, en évoquant une « vingtaine de stands fermés »", "la police"),
    ("La piscine rouvrira en juin, a-t-on appris jeudi de sources municipales.", "according_to",
     "La piscine rouvrira en juin", "sources municipales"),
    ("Les fouilles ont repris, a précisé la source judiciaire au Télégramme ; le site est bouclé.", "indirect",
     "Les fouilles ont repris", "la source judiciaire"),
    ("Selon le quotidien new-yorkais The Washington Post, le sommet est reporté.", "according_to",
     "le sommet est reporté", "The Washington Post"),
    # mixed: a fragment credited by a cue of the same sentence
    ("La députée Anne Roux a qualifié la réforme d’« injuste ».", "mixed", "injuste", "Anne Roux"),
    # "selon X" inside the claim stays in it; after the claim, with an adverb; other markers
    ("Les dégâts, selon la préfecture, dépassent un million d'euros.", "according_to",
     "Les dégâts, selon la préfecture, dépassent un million d'euros", "la préfecture"),
    ("Trois personnes ont été blessées, toujours selon le ministère.", "according_to",
     "Trois personnes ont été blessées", "le ministère"),
    ("Le suspect a été interpellé dans la nuit, de source policière.", "according_to",
     "Le suspect a été interpellé dans la nuit", "source policière"),
    ("À en croire le syndicat, la grève sera longue.", "according_to", "la grève sera longue", "le syndicat"),
    ("La grève sera longue, à en croire le syndicat.", "according_to", "La grève sera longue", "le syndicat"),
    # verbs of saying the train split's gold uses (proposer, suggérer, réaffirmer, …)
    ("Le maire a proposé de fermer le pont pendant deux mois.", "indirect",
     "fermer le pont pendant deux mois", "Le maire"),
    ("La ministre a suggéré que les écoles ouvrent plus tard.", "indirect", "les écoles ouvrent plus tard",
     "La ministre"),
    ("Le syndicat a réaffirmé qu'il ne signerait pas l'accord.", "indirect", "il ne signerait pas l'accord",
     "Le syndicat"),
    ("Les experts préconisent de réduire la vitesse sur l'autoroute.", "indirect",
     "réduire la vitesse sur l'autoroute", "Les experts"),
    ("« Le chantier durera deux ans », complète l'architecte Marc Petit.", "direct",
     "Le chantier durera deux ans", "Marc Petit"),
    ("Le médecin déconseille de sortir pendant la canicule.", "indirect", "sortir pendant la canicule",
     "Le médecin"),
    ("Le contrat stipule que le loyer sera révisé chaque année.", "indirect",
     "le loyer sera révisé chaque année", "Le contrat"),
    # a passive verb of saying: the agent is the source
    ("Les réparations coûteront une somme estimée par la maire de Lille, Anne Dubois, « autour de deux "
     "millions ».", "mixed", "autour de deux millions", "Anne Dubois"),
    ("Il a été annoncé par le ministre que le pont fermerait.", "indirect", "le pont fermerait", "le ministre"),
    ("« Nous sommes prêts », a affirmé Paul Durand par l’intermédiaire d’un traducteur.", "direct",
     "Nous sommes prêts", "Paul Durand"),  # an active verb: "par" is no agent
    # an inverted subject after a time phrase set off by commas
    ("« Il a tout reconnu », a expliqué aux journalistes, deux heures avant le juge, une de ses avocates, "
     "Me Claire Renard.", "direct", "Il a tout reconnu", "Claire Renard"),
    # a bare given name is someone else than the fuller name it begins
    ("Le ministre Christophe Castaner a défendu la réforme. Dans le cortège, Christophe, 49 ans, est en colère. "
     "« On ne lâchera rien », dit Christophe.", "direct", "On ne lâchera rien", "Christophe"),
    # an incise between a subject and its predicate: two quotes, the speaker after the verb
    ("Le vieux pont de pierre, a précisé le maire, restera fermé tout l'hiver.", "indirect",
     "Le vieux pont de pierre", "le maire"),
    ("Le vieux pont de pierre, a précisé le maire, restera fermé tout l'hiver.", "indirect",
     "restera fermé tout l'hiver", "le maire"),
    ("Le plan, a précisé Paul Durand, coûtera moins cher que prévu.", "indirect",
     "coûtera moins cher que prévu", "Paul Durand"),
    # "selon X" inside the claim: the whole clause, "selon X" included (GUIDELINES.md)
    ("Les dégâts, selon la préfecture, dépassent un million d’euros.", "according_to",
     "Les dégâts, selon la préfecture, dépassent un million d’euros", "la préfecture"),
    ("L’enquête visait, selon le parquet, les comptes de la mairie.", "according_to",
     "L’enquête visait, selon le parquet, les comptes de la mairie", "le parquet"),
    ("Le projet sera, toujours selon le ministère, présenté en mars.", "according_to",
     "Le projet sera, toujours selon le ministère, présenté en mars", "le ministère"),
    # … but it closes the claim when what follows is another clause or describes the source
    ("Le bilan s’élève à douze morts, selon la police, et les secours cherchent encore.", "according_to",
     "Le bilan s’élève à douze morts", "la police"),
    ("Le bilan est lourd, selon Jean Dupont, maire de la ville.", "according_to",
     "Le bilan est lourd", "Jean Dupont"),
    # a fragment the speaker's own quotation repeats is still their words, not a term
    ("Lucie Fabre a fustigé jeudi la « dérive inquiétante » du chantier. « Je vois une dérive "
     "inquiétante de ce dossier », a-t-elle ajouté.", "mixed", "dérive inquiétante", "Lucie Fabre"),
    # "a fait savoir X" after the clause: the auxiliary the parse hangs on "savoir"
    ("La ministre présentera son plan avant les vacances d’été, a fait savoir Matignon.", "indirect",
     "La ministre présentera son plan avant les vacances d’été", "Matignon"),
    # an infinitive's content over the words the parse gave to the verb of saying
    ("La banque explique avoir repéré en mars 2021 une vague de fraudes contre ses clients.",
     "indirect", "avoir repéré en mars 2021 une vague de fraudes contre ses clients", "La banque"),
    # a time word after an inverted subject is no part of it
    ("Le gérant du camping devra payer une amende, a précisé le parquet jeudi soir.", "indirect",
     "Le gérant du camping devra payer une amende", "le parquet"),
    # an incise inside one pair of marks, past words that situate it or an apposition
    ("« Le chantier avance à reculons, s’agace Hugo Ferrand, délégué des riverains. Personne ne "
     "nous écoute. »", "direct", "Le chantier avance à reculons", "Hugo Ferrand"),
    ("« Le chantier avance à reculons, s’agace Hugo Ferrand, délégué des riverains. Personne ne "
     "nous écoute. »", "direct", "Personne ne nous écoute.", "Hugo Ferrand"),
    ("Nadia Perrin a repris la parole. « Les archives étaient ouvertes, a-t-elle expliqué mardi soir "
     "sur une radio locale. Tout le monde pouvait les lire. »", "direct", "Les archives étaient ouvertes",
     "Nadia Perrin"),
    # "selon X" inside the claim after a subject that opens with a number, or in parentheses
    ("Entre 80 et 90 cyclistes, selon la mairie, ont fermé samedi la rue du port.", "according_to",
     "Entre 80 et 90 cyclistes, selon la mairie, ont fermé samedi la rue du port", "la mairie"),
    ("Mardi, près de 3 000 bénévoles (selon l’association) nettoyaient les plages.", "according_to",
     "Mardi, près de 3 000 bénévoles (selon l’association) nettoyaient les plages", "l’association"),
    ("Le bilan est de douze morts (selon la police).", "according_to", "Le bilan est de douze morts", "la police"),
    # … not after an adjunct when the rest has its own subject
    ("Le club a gagné son pari : avec 12 000 spectateurs au stade, selon les organisateurs, la billetterie a rouvert.",
     "according_to", "avec 12 000 spectateurs au stade", "les organisateurs"),
    # "Pour X, claim": past two appositions; a name the tagger misread; up to a colon before a quotation
    ("Pour Jean Morel, président de la coopérative, ancien berger, la réponse passe par les circuits courts.",
     "according_to", "la réponse passe par les circuits courts", "Jean Morel"),
    ("La mairie a fermé deux stands. Pour maître Paul Durand, avocat, ces sanctions sont "
     "disproportionnées : « Un marché de Noël n’est pas une zone de non-droit. »", "according_to",
     "ces sanctions sont disproportionnées", "Paul Durand"),
    # se dire + a quoted adjective: a statement, unless a poll's count says it
    ("La directrice se dit « très inquiète » pour la rentrée.", None, "très inquiète", "La directrice"),
    # a quoted modifier on the author's noun is the speaker's word, not a label
    ("Paul Durand a regretté les retards « franchement inacceptables » du chantier.", "mixed",
     "franchement inacceptables", "Paul Durand"),
    # a participle opening the sentence reports up to the main clause, whose subject speaks
    ("Claire Martin a défilé samedi. Jugeant que le projet « coûte trop cher », elle demande un nouveau vote.",
     "indirect", "le projet « coûte trop cher »", "Claire Martin"),
    # the author's concessive gerund ends the reported words
    ("Paul Durand a affirmé rester « vigilant » sur les délais tout en saluant l’effort des équipes.",
     "indirect", "rester « vigilant » sur les délais", "Paul Durand"),
    ("Le maire a dit que le pont fermera tout en promettant une navette.", "indirect", "le pont fermera", "Le maire"),
    # indiquer, confirmer, ajouter + infinitive
    ("Le syndicat a indiqué avoir identifié l’auteur des tags.", "indirect", "avoir identifié l’auteur des tags",
     "Le syndicat"),
    ("La mairie a confirmé avoir reçu la pétition des riverains.", "indirect",
     "avoir reçu la pétition des riverains", "La mairie"),
    # reprocher à X de + infinitive
    ("La fédération reproche au club de refuser tout dialogue.", "indirect", "refuser tout dialogue",
     "La fédération"),
    # an infinitive's content over a verb the parse joined to the verb of saying
    ("Paul Durand raconte avoir mesuré combien la vie des bergers reste rude.", "indirect",
     "avoir mesuré combien la vie des bergers reste rude", "Paul Durand"),
    # a subject set off by a stressed pronoun before its verb is no clause of an inverted cue
    ("Les parents, eux, dénoncent une « situation intenable ».", "mixed", "situation intenable", "Les parents"),
    # verbs of incises the tagger reads as adjectives
    ("« La digue ne tiendra pas l’hiver », complète Jean Dupuis.", "direct", "La digue ne tiendra pas l’hiver",
     "Jean Dupuis"),
    ("Marie Leroy arrive essoufflée. « J’ai oublié les clés du local », s’excuse-t-elle.", "direct",
     "J’ai oublié les clés du local", "Marie Leroy"),
    # a passive verb of asking with its agent: the agent asks
    ("Les riverains ont été invités par le préfet à quitter leurs maisons.", "indirect", "quitter leurs maisons",
     "le préfet"),
    # a soft hyphen opening a word does not cut a name
    ("Les bénévoles manquent de bras, comme le note Sonia \u00adVerdier. « Tout repose sur nous », "
     "complète-t-elle.", "direct", "Tout repose sur nous", "Sonia Verdier"),
    # a "selon" claim holding a smaller quote of its own (« appelés par X à … ») stands beside it
    ("Selon la mairie, la fête a réuni 2 000 habitants et 300 bénévoles appelés par l’association à tenir "
     "les stands.", "according_to", "la fête a réuni 2 000 habitants et 300 bénévoles appelés par "
     "l’association à tenir les stands", "la mairie"),
    ("Selon la mairie, la fête a réuni 2 000 habitants et 300 bénévoles appelés par l’association à tenir "
     "les stands.", "indirect", "tenir les stands", "l’association"),
    # a pronoun passes over the nearer speaker of the other gender (the speaker model; the rules
    # weigh gender lightly, as translated text may say "il" of a woman)
    ("Blessé samedi, Julien Roussel est devenu un symbole. « C'est un martyr », ajoute Laurence, 52 ans. "
     "« Je n'ai jamais voulu devenir une image », glisse-t-il.", "direct", "Je n'ai jamais voulu devenir une image",
     "Julien Roussel"),
    # a colon opening a quotation: a place completing the clause before it is no speaker; the
    # person named at the head of the sentence is
    ("Le cortège est arrivé place Bellecour. Marius, venu de l’Ardèche : « Nous ne lâcherons rien, même sous "
     "la pluie. »", "direct", "Nous ne lâcherons rien, même sous la pluie.", "Marius"),
    ("Odile, 64 ans, a quitté sa Drôme natale dans la nuit pour rejoindre Lyon : « Je viens ici pour mes "
     "petits-enfants. »", "direct", "Je viens ici pour mes petits-enfants.", "Odile"),
    # counts set before their sources: each count is a claim of its own source
    ("Le rassemblement a compté 900 marcheurs selon la gendarmerie, 2 400 selon le collectif.", "according_to",
     "2 400", "le collectif"),
    ("Ils étaient quelques centaines (450 selon la gendarmerie).", "according_to", "450", "la gendarmerie"),
    # "Selon X, claim" after a sentence adverb or a colon: the claim follows
    ("Le calme est revenu. Par ailleurs, selon les informations de Radio Loire, les grévistes veulent se retrouver "
     "jeudi.", "according_to", "les grévistes veulent se retrouver jeudi", "Radio Loire"),
    ("Le bilan est lourd : selon la préfecture, trois personnes ont été blessées.", "according_to",
     "trois personnes ont été blessées", "la préfecture"),
    # "…, et, selon X, claim": after a conjunction the claim follows the source
    ("Le cortège a traversé la ville et, selon la préfecture du Gard, 2 100 marcheurs y ont pris part.",
     "according_to", "2 100 marcheurs y ont pris part", "la préfecture du Gard"),
    # a relative word before the subject opens the clause, it is no part of the speaker (test_cues
    # holds the parse that hangs it on the subject)
    ("Le marché a rouvert à Sète, où les commerçants ont affirmé lundi vouloir rester ouverts le dimanche.",
     "indirect", "vouloir rester ouverts le dimanche", "les commerçants"),
    # a verb of saying, whom it addresses, then the infinitive it frames
    ("Le voisin explique à la presse ne pas l'avoir reconnue.", "indirect", "ne pas l'avoir reconnue", "Le voisin"),
    # "Selon X claim" without the comma
    ("Selon l'éditeur il manque encore trois chapitres au manuscrit.", "according_to",
     "il manque encore trois chapitres au manuscrit", "l'éditeur"),
    # a reported clause ends where a clause with its own subject follows a comma …
    ("Paul Durand affirme mardi qu'il ne signera pas le contrat, la direction attend sa réponse.",
     "indirect", "il ne signera pas le contrat", "Paul Durand"),
    # … not at a second reported clause
    ("Paul Durand a dit qu'il viendrait, que le maire parlerait et que tout irait bien.", "indirect",
     "il viendrait, que le maire parlerait et que tout irait bien", "Paul Durand"),
    # the subject before the verb carries a relative clause the parse hung the verb on
    ("Plus haut sur le quai, un pêcheur de Concarneau qui refuse de donner son prénom dit attendre la fin de la "
     "tempête.", "indirect", "attendre la fin de la tempête", "un pêcheur de Concarneau"),
    # a verb of saying before the colon names the speaker; "selon X" after says who reports it
    ("Le témoin a parlé. Le gardien lui avait crié : « Sortez tout de suite », selon un témoin.",
     "direct", "Sortez tout de suite", "Le gardien"),
    # a role with its holder in apposition at a passive cue: the holder
    ("Paul Durand était là. Les dégâts ont été estimés par la maire de Lyon, Claire Martin, « à près de deux "
     "millions » pour les seules vitrines.", "mixed", "à près de deux millions", "Claire Martin"),
    # a role described by a participle phrase, its holder after the comma
    ("« Quelle honte », a pour sa part écrit la ministre déléguée chargée des Sports, Claire Martin.",
     "direct", "Quelle honte", "Claire Martin"),
    # a bare word of the author's before an inverted incise is no subject
    ("Le bilan est lourd. Résultat, poursuit Paul Durand : « Les prix montent et les salaires stagnent. »",
     "direct", "Les prix montent et les salaires stagnent.", "Paul Durand"),
    # "laisser entendre que", the verb left unlemmatised by the tagger
    ("Claire Martin est arrivée. Elle laisse entendre qu'elle sera candidate.", "indirect", "elle sera candidate",
     "Claire Martin"),
    # a rubric before the lead is no part of its sentence
    ("EXCLUSIF - Selon le syndicat, la cantine fermera trois semaines.", "according_to",
     "la cantine fermera trois semaines", "le syndicat"),
    # verbs of manner borrowed by an incise, tagged as adjectives or nouns, a clitic before them
    ("Le guide Paul Girard a longtemps cherché l'épave. « Il faudra une tempête pour la revoir », "
     "sourit Mme Lemaire.", "direct", "Il faudra une tempête pour la revoir", "Lemaire"),
    ("Le meunier Paul Girard a rouvert la porte. « Ce vieux moulin mérite une seconde vie », "
     "s'enthousiasme Anne Lemaire.", "direct", "Ce vieux moulin mérite une seconde vie", "Anne Lemaire"),
    # the medium spoken to is no office of the speaker's
    ("« Tout le quartier a tremblé », a raconté une voisine auprès de l'AFP.", "direct", "Tout le quartier a tremblé",
     "une voisine"),
    ("« Les crédits sont votés », a déclaré la secrétaire d'État auprès de la ministre de la Mer.", "direct",
     "Les crédits sont votés", "la secrétaire d'État auprès de la ministre de la Mer"),
    # a rank in numbers is part of the role
    ("Les loyers doivent être gelés, estime le numéro deux du syndicat des locataires.", "indirect",
     "Les loyers doivent être gelés", "le numéro deux du syndicat des locataires"),
    # a name after a preposition in a role is the body served, not the speaker, whatever the parse
    ("« La course était dure », a raconté le cycliste de la Cofidis-Solutions.", "direct",
     "La course était dure", "le cycliste de la Cofidis-Solutions"),
    # a clause between commas before a post-posed cue is what was said, no aside of a subject
    ("Des renforts sont arrivés. À Lyon, 300 policiers ont été mobilisés, a indiqué la préfecture, "
     "qui signale des rassemblements épars.", "indirect", "À Lyon, 300 policiers ont été mobilisés", "la préfecture"),
    # "selon X" inside the claim, an adjunct of the clause after it: the whole clause
    ("La grève a été suivie, selon le syndicat, par 40 % des agents.", "according_to",
     "La grève a été suivie, selon le syndicat, par 40 % des agents", "le syndicat"),
    # … but a name of an institution after it describes the source
    ("Le virus circule moins, selon Jean Dupont, à l'Inserm.", "according_to", "Le virus circule moins",
     "Jean Dupont"),
    # a document's author is its source, whatever the parse hangs the agent on
    ("Les récoltes reculent, selon une enquête diffusée lundi par l'Institut des vignes.", "according_to",
     "Les récoltes reculent", "Institut des vignes"),
    # the initials of the medium spoken to are no subject; the name after them is
    ("« Nous fermerons le marché dimanche », a déclaré à l'Agence de presse régionale (APR) Lucie Vernet.",
     "direct", "Nous fermerons le marché dimanche", "Lucie Vernet"),
    # an aside of a preposition and an infinitive between the verb and its subject
    ("« Trois lots restent invendus », précise, sans les citer, le rapport du notaire.",
     "direct", "Trois lots restent invendus", "le rapport du notaire"),
    # a participle after a determiner, tagged as a verb, names a person
    ("La ministre doit partir. « On n'a rien pu dire », déplore un jeune détenu.", "direct",
     "On n'a rien pu dire", "un jeune détenu"),
    ("« Je suis innocent », a répété l'accusé.", "direct", "Je suis innocent", "l'accusé"),
    # a second cue after the reported clause: the whole sentence is what its speaker reported
    ("Dimanche, le club a annoncé qu'il ferait appel de la sanction, a indiqué à la radio locale Paul Durand.",
     "indirect", "Dimanche, le club a annoncé qu'il ferait appel de la sanction", "Paul Durand"),
    # a gerund's infinitive ends where the main clause's subject and verb begin
    ("Tout en disant préférer « une sortie pacifique », Paul Durand a répété que rien n'était exclu.",
     "indirect", "préférer « une sortie pacifique »", "Paul Durand"),
    # "selon X" inside a clause with no comma on either side: the clause around it
    ("La préfecture suit le cortège. D'autres ont décidé selon la préfecture de défiler en blanc.", "according_to",
     "D'autres ont décidé selon la préfecture de défiler en blanc", "la préfecture"),
    # "cité par Y" after the source of "selon X" says who relayed X: X's claim, nothing of Y's
    ("Selon un cadre de la mairie, cité par la radio locale, les travaux reprendront en mai.",
     "according_to", "les travaux reprendront en mai", "un cadre de la mairie"),
    # "a-t-elle twitté", the group broken by the tagger (the pronoun and verb read as names)
    ("Claire Martin a répondu. « Le chiffre publié hier était faux », a-t-elle twitté.", "direct",
     "Le chiffre publié hier était faux", "Claire Martin"),
    # an infinitive carried by its passive auxiliary ("à être reçus")
    ("Les riverains ont demandé à être entendus par le conseil municipal.", "indirect",
     "être entendus par le conseil municipal", "Les riverains"),
    # the author's own words after the reported clause: ", ce qui …", ", comme il l'avait dit"
    ("Paul Durand a démenti avoir tenu ces propos, ce qui a poussé le maire à publier une vidéo.", "indirect",
     "avoir tenu ces propos", "Paul Durand"),
    ("Paul Durand ajoute échanger avec d'autres élus, comme il le disait hier.", "indirect",
     "échanger avec d'autres élus", "Paul Durand"),
    # a quoted phrase as the noun phrase "faire état de" reports: the quoted words (GUIDELINES)
    ("La mairie faisait état de « dégâts importants » dans le parc.", "mixed",
     "dégâts importants", "La mairie"),
    # whom the words are written to is no part of who writes them
    ("« Rien ne justifie ce retard », écrivent les parents d'élèves à Paul Durand.", "direct",
     "Rien ne justifie ce retard", "les parents d'élèves"),
    # a time the parse took for a subject ("une nouvelle fois") is none
    ("Jeudi, Paul Durand a une nouvelle fois critiqué le budget et répété que la ville s'endettait.", "indirect",
     "la ville s'endettait", "Paul Durand"),
    # a capitalised noun after an article and an adjective is a description, not a name
    ("« Je reviendrai l'an prochain », a promis la jeune Suédoise, ravie.", "direct",
     "Je reviendrai l'an prochain", "la jeune Suédoise"),
    # … also when the entity recogniser calls it a person; a given name stays a name
    ("« Je reviendrai l'an prochain », a promis la jeune Canadienne, ravie.", "direct",
     "Je reviendrai l'an prochain", "la jeune Canadienne"),
    ("« Nous gagnerons », a déclaré le jeune Paul.", "direct", "Nous gagnerons", "Paul"),
    # … but a speaker's present "dit" before a quotation is a cue
    ("Paul Durand dit « Je pars demain ».", "direct", "Je pars demain", "Paul Durand"),
    # an incise whose subject opens with an indefinite article, its verb tagged as a noun
    ("« Personne ne sait qui décide sur ce rond-point », soupire un bloqueur.", "direct",
     "Personne ne sait qui décide sur ce rond-point", "un bloqueur"),
    # a subject after prepositional phrases, its elided article tagged as a pronoun
    ("« Je ne recommencerai pas », a promis au cours de l'audience en larmes l'accusé, un père de famille.", "direct",
     "Je ne recommencerai pas", "l'accusé"),
    # after a marker, a document's claim is its body's ("selon les estimations de X")
    ("Selon les prévisions de l'Institut des vins et des eaux-de-vie, la récolte baisse.", "according_to",
     "la récolte baisse", "Institut des vins et des eaux-de-vie"),
    # a quoted term that is the subject's own noun ("les « gilets verts »") is the subject
    ("À Nantes, les « gilets verts » assurent là aussi qu'ils rejoindront le cortège.", "indirect",
     "ils rejoindront le cortège", "gilets verts"),
    # a body's initials in brackets after a role are the body's
    ("« Le texte est prêt », a indiqué le président de l'Office régional des forêts (ORF).", "direct",
     "Le texte est prêt", "le président de l'Office régional des forêts"),
]


@pytest.mark.parametrize("text,kind,content,speaker", FOUND)
def test_construction_is_found(text, kind, content, speaker):
    got = quotes_of(text)
    match = [q for q in got if q[1] == content]
    assert match, f"{content!r} not found in {got}"
    if kind is not None:
        assert match[0][0] == kind
    if speaker is not None:
        assert match[0][2] == speaker


# sentences that hold no quote
NOT_QUOTES = [
    # an infinitive of another verb, in a relative clause on the object, is not what was asked
    "Laurent Martin réclame un grand débat, qui permettrait de parler de salaires.",
    # "dit", "dite" naming what comes before them: a label, not words said
    "Le forfait dit « solidaire » coûte trois euros par mois.",
    "Cette copie dite « de sécurité » était estimée à 170 000 euros.",
    # an impersonal "il faut dire que": the author's comment
    "La ville a beaucoup changé. Il faut dire que les loyers ont doublé en dix ans.",
    # "pour qui" completing the verb after it, a noun naming the claim: no source before them
    "Les habitants pour qui il travaille depuis dix ans sont contents de son action.",
    "Marie Dubois, pour qui il a voté en 2017, a perdu son siège.",
    "Il a démissionné après des rumeurs selon lesquelles la réunion aurait eu lieu chez lui.",
    # a participle's adjunct before a comma is no clause an inverted verb reports
    "Installés depuis lundi, les panneaux ont fait réagir, et plusieurs voisins ont écrit au maire.",
    # a verbless phrase before a verb with no subject of its own is that verb's subject, no claim
    "Paul Dorval, un retraité de 70 ans se présentant comme un « sage », s'est souvent énervé en parlant "
    "d'argent.",
    "Les « gilets jaunes » ont manifesté samedi à Paris.",
    "Il pense que la réforme est injuste.",
    "Le film « Les Misérables » sort mercredi.",
    "Les sondages sont réalisés selon la méthode des quotas.",
    "Pour la première fois, le club a gagné à l'extérieur.",
    "Elle espère que la pluie cessera bientôt.",
    "Le journal a pu constater que la salle était pleine.",
    "Il a appris que sa mère était malade.",
    "Dans le canton, 12 % des sondés se disent « plutôt confiants » envers la mairie.",
    "Des vidéos appellent à « bloquer le périphérique » samedi.",
    "Sa famille a fait part de son inquiétude aux autorités.",
    "Dans sa ville, il a été surnommé... « le Lion de Lyon ».",
    "Les deux accusés, qui encourent vingt ans de prison, nient les faits.",
    "La préfecture a déclenché le plan « grand froid » mardi.",
    "Le pays est quinzième selon le produit intérieur brut par habitant.",
    "Si la courbe monte, cela signifie que les ventes progressent.",
    "Les électeurs qui ne le soutiennent pas sont nombreux, alors que la campagne commence.",
    "Le projet, jugé trop coûteux par les experts, a été abandonné.",
    "Ces mesures n’ont pas calmé les « bonnets rouges », restés insensibles aux annonces.",
    # a term the article also writes without marks, a nickname in marks
    "Le ministre a critiqué les « bonnets rouges ». Les bonnets rouges bloquent la route.",
    "Le maire a salué les « Amis du Vieux Port » lors de la fête.",
    # a subject with an apposition before its verb of saying: no incise
    "Les partis d’opposition, notamment les écologistes, soutiennent les grévistes, mais ils restent prudents.",
    # a passive verb of asking: its subject was asked, nobody named asked
    "Les riverains ont été invités à quitter leurs maisons avant la crue.",
    "Les supporters sont appelés à rester calmes pendant le match.",
    # "après que", "avant que": a time, not what a verb of saying reports
    "Le maire l’annoncera lui-même après que le conseil aura voté le budget.",
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_no_quote(text):
    assert quotes_of(text) == []


def test_a_fragment_of_a_reported_clause_is_not_reported_again():
    found = quotes_of("Paul Durand a annoncé qu'il observerait « de très près » les programmes de la chaîne.")
    assert found == [("indirect", "il observerait « de très près » les programmes de la chaîne", "Paul Durand")]
    # a quotation with its own incise inside a longer stretch stays a quote of its own
    found = quotes_of("Les pêcheurs, que le préfet juge inquiets, « garderont leurs bateaux », a promis "
                      "Claire Martin.")
    assert ("direct", "garderont leurs bateaux", "Claire Martin") in found


def test_no_speaker_is_made_up():
    # an expletive subject, a lowercase word the parser took for a name
    for text, content in [("Il est courant d’invoquer le « bon goût d’antan » dans ces querelles.", "bon goût d’antan"),
                          ("Ses romans sont truffés de patois : « On ne lâche pas la barre. »",
                           "On ne lâche pas la barre.")]:
        got = [q for q in quotes_of(text) if q[1] == content]
        assert not got or got[0][2] is None, got


def test_a_label_in_the_speakers_apposition_is_no_mixed_quote():
    got = quotes_of("« Nous irons jusqu’au bout », a déclaré Paul Durand, un autre « gilet vert ».")
    assert got == [("direct", "Nous irons jusqu’au bout", "Paul Durand")]


def test_quote_broken_by_its_cue_is_two_quotes_with_one_speaker():
    got = quotes_of("« Nous avons gagné », a-t-il dit après Paul Durand, « et nous gagnerons encore. »")
    got = quotes_of("Paul Durand est ravi. « Nous avons gagné », a-t-il dit, « et nous gagnerons encore. »")
    contents = [q[1] for q in got]
    assert "Nous avons gagné" in contents
    assert any(c.startswith("et nous gagnerons encore") for c in contents)
    assert {q[2] for q in got} == {"Paul Durand"}


def test_continuation_quote_takes_the_previous_speaker():
    text = ("« Le projet est lancé », a déclaré Claire Martin.\n"
            "« Nous ouvrirons trois écoles avant la fin de l’année. »")
    got = quotes_of(text)
    assert got[-1][1].startswith("Nous ouvrirons trois écoles")
    assert got[-1][2] == "Claire Martin"
    assert extract(text)[-1].cue is None


def test_paragraphs_reopened_with_a_mark_are_one_quote():
    text = ("Paul Durand a déclaré : « Le premier paragraphe parle du budget.\n"
            "« Le second paragraphe parle des écoles. »\nFin de l'article.")
    got = extract(text)
    assert len(got) == 1
    assert "second paragraphe" in got[0].content_text


def test_description_resolved_to_the_name_it_was_tied_to():
    text = ("Le ministre des Sports Jean Dupuis s’est rendu à Lyon lundi.\n"
            "La visite a duré deux heures.\n"
            "Le public était nombreux.\n"
            "Le ministre des Sports a ensuite annoncé que les stades seraient rénovés.")
    got = extract(text)
    assert got and got[-1].speaker == "Jean Dupuis"


# (text, content of the last quote, its speaker): descriptions and pronouns resolved
RESOLVED = [
    # "la chaîne", "le journal": the medium the article named last
    ("France 3 a diffusé une photo retouchée samedi. « Nous présentons nos excuses », a annoncé la chaîne dimanche.",
     "Nous présentons nos excuses", "France 3"),
    # a title the parse cut short before its holder's name: past an acronym, past "et des …"
    ("« Le chantier doit reprendre », a jugé le député Les Centristes (LC) Paul Durand.",
     "Le chantier doit reprendre", "Paul Durand"),
    ("Selon la ministre de la Mer et des Pêches Claire Martin, les quotas seront revus en mars.",
     "les quotas seront revus en mars", "Claire Martin"),
    # a day or a time the entity recogniser ran into the name is no part of it
    ("« Le projet sera abandonné », a déclaré Radio Loire lundi soir.", "Le projet sera abandonné", "Radio Loire"),
    # a paper's article is part of its name
    ("« Le projet sera abandonné », a révélé Le Monde mardi.", "Le projet sera abandonné", "Le Monde"),
    # a demonstrative points back to the phrase with the same noun
    ("Le journal cite une source proche de l’enquête. « Le suspect a été arrêté hier », a précisé cette source.",
     "Le suspect a été arrêté hier", "une source proche de l’enquête"),
    # a generic noun stands for the organisation just named
    ("L’association Terre Vive a publié un communiqué mardi. « Nous attendons des actes », "
     "ajoute l’organisation.", "Nous attendons des actes", "Terre Vive"),
    # a name apposed after a definite description, not after an indefinite one
    ("« Le déficit se creuse », a indiqué l’économiste, Paul Durand.", "Le déficit se creuse", "Paul Durand"),
    # a given name with an age is a person, even when the parser calls it a place
    ("Plus loin, Flore, 15 ans, porte une pancarte. Greta Thunberg « est un symbole », se réjouit-elle.",
     "est un symbole", "Flore"),
    # "celui qui" and "il" point to people before bodies that spoke in between
    ("Le pianiste Paul Durand remplit les salles. Le Journal du Centre a pu vérifier que la tournée "
     "est complète. « J’ai changé de méthode », dit celui qui répète chaque matin.",
     "J’ai changé de méthode", "Paul Durand"),
    # a quoted speaker of an earlier quotation is no subject: the previous speaker goes on
    ("« Nous voulons des réponses », explique à la radio Paul Durand, un organisateur. "
     "« Sans geste du préfet, on bloque tout », avant de prévenir : « Le temps presse. »",
     "Le temps presse.", "Paul Durand"),
    # a role set off by commas before a name, whatever the parse made of it (two subjects)
    ("Le procureur, Jean Dubois, a requis dix ans. Le procureur a ajouté que l’enquête continuait.",
     "l’enquête continuait", "Jean Dubois"),
    ("La maire, Jeanne Martin, a fermé le pont. « Les travaux dureront un an », a ajouté la maire.",
     "Les travaux dureront un an", "Jeanne Martin"),
    # an apposed name after "le président du X"
    ("« Nous recensons les dégâts », a indiqué à Ouest-France le président du Syndicat des pêcheurs, Paul Durand.",
     "Nous recensons les dégâts", "Paul Durand"),
    # a subject before a relative clause, a name after a fronted adjective
    ("Le syndicat qui avait dénoncé des « provocations » a appelé dimanche à cesser les blocages.",
     "cesser les blocages", "Le syndicat"),
    ("Plus prudent, Paul Durand, de l’association des riverains, a assuré que le pont tiendrait.",
     "le pont tiendrait", "Paul Durand"),
    # a description matches a tie by its head noun: "le gouvernement" is not its spokesman
    ("Le porte-parole du gouvernement Paul Durand a parlé lundi. Le gouvernement a appelé "
     "dimanche à cesser les blocages.", "cesser les blocages", "Le gouvernement"),
    # the people a clause before a colon is about, and a subject with a quoted term
    ("Plus loin, des apprenties défilent. Les jeunes coiffeuses sont d’accord : « On doit agir. »",
     "On doit agir.", "Les jeunes coiffeuses"),
    ("À Nantes, les quelque 200 infirmières « en colère » criaient : « Des moyens ! »",
     "Des moyens !", "les quelque 200 infirmières"),
    # what someone said or wrote stands for them: "les propos de X", "un message adressé par X"
    ("Les messages de la chanteuse Anne Roux ont beaucoup circulé : « Ils ont rayé notre camion. »",
     "Ils ont rayé notre camion.", "Anne Roux"),
    ("« Le service ne se rendra pas sur place », selon un message adressé par les reporters à la direction.",
     "Le service ne se rendra pas sur place", "les reporters"),
    # "certains" are some of a group, not the last person named
    ("Paul Durand a salué la réforme. Les participants ont applaudi, même si certains ont déploré "
     "« l’absence des syndicats ».", "l’absence des syndicats", "certains"),
    ("Le maire Paul Durand a reçu les élus. « La ville souffre », a témoigné l’un d’eux.",
     "La ville souffre", "l’un d’eux"),
    # a detached adjective between the verb and its subject
    ("« Je n’ai rien entendu de concret », constate, impassible, Claire Martin.",
     "Je n’ai rien entendu de concret", "Claire Martin"),
    # an inverted pronoun points back, never to a name written after it; an infinitive after
    # "avant de" has the subject of the verb it hangs from
    ("Jean Morel a parlé le premier. « Le peuple décide », a-t-il répété devant le premier ministre, "
     "Paul Durand.", "Le peuple décide", "Jean Morel"),
    ("Jean Morel a parlé le premier. « Le peuple décide », a-t-il répété devant le premier ministre, "
     "Paul Durand, avant de déclarer que la réforme passerait.", "la réforme passerait", "Jean Morel"),
    # a quoted term inside an inverted subject is part of it, and no quote of its own
    ("Une trentaine de marcheurs sont partis de Dinant. « Nous étions plus nombreux l’an passé », "
     "regrette ainsi un « marcheur bleu » belge.", "Nous étions plus nombreux l’an passé",
     "un « marcheur bleu » belge"),
    # a subject carried past asides set off by commas, a relative clause the last of them
    ("Anne Lasserre, maire de Vire, a reçu les pêcheurs. D’autres élus, plus inquiets, encore, "
     "qui devaient signer l’accord ce soir, ont annoncé qu’ils quitteraient la réunion.",
     "ils quitteraient la réunion", "D’autres élus"),
    # a sentence glued to the full stop before it (a scraped page lost the paragraph break)
    ("Paul Durand a lu le rapport.« Trois ans de perdus », affirme-t-il.D’autres "
     "défendent le projet.", "Trois ans de perdus", "Paul Durand"),
    # a detached adjective between the verb and its subject, read as a noun by the tagger
    ("« Plus rien ne roule », indique, dépité, un chauffeur.", "Plus rien ne roule", "un chauffeur"),
    # a role after the person the passage is about, subject of the sentence before (not only a
    # speaker), the adjective marking the gender the epicene noun's tag misses
    ("Claire Martin a quitté la présidence du jury. « Je laisse la place à d'autres », a expliqué "
     "l'ancienne ministre au journal télévisé.", "Je laisse la place à d'autres", "Claire Martin"),
    # … but not a person of the other gender
    ("Paul Durand a quitté la présidence du jury. « Je laisse la place à d'autres », a expliqué "
     "l'ancienne ministre au journal télévisé.", "Je laisse la place à d'autres", "l'ancienne ministre"),
    # the medium a cue names is no antecedent of the description after it
    ("France 3 a retiré le reportage. « Ce montage était maladroit », a reconnu auprès de l'AFP la chaîne.",
     "Ce montage était maladroit", "France 3"),
    # a quotation with a time phrase after it, then its cue
    ("Paul Durand, un voisin, doute encore. « C’est un coup monté » mardi soir, dit-il.",
     "C’est un coup monté", "Paul Durand"),
]


@pytest.mark.parametrize("text,content,speaker", RESOLVED)
def test_speaker_resolved(text, content, speaker):
    got = quotes_of(text)
    match = [q for q in got if q[1] == content]
    assert match, f"{content!r} not found in {got}"
    assert match[0][2] == speaker


def test_gender_mismatched_pronoun_still_finds_the_only_candidate():
    text = ("Alice Moreau, présidente de l’association, a déclaré que 300 familles étaient aidées. "
            "Cent autres sont sur liste d’attente, a-t-il déclaré au journal local.")
    got = extract(text)
    assert got[-1].speaker == "Alice Moreau"


def test_two_candidates_the_subject_wins():
    text = ("Paul Durand a rencontré Claire Martin mardi. "
            "« La rencontre a été utile », a-t-il déclaré.")
    assert extract(text)[-1].speaker == "Paul Durand"


def test_unresolved_stays_unresolved():
    got = extract("« Tout va bien », a-t-il dit.")
    assert got and got[0].speaker is None
    assert got[0].speaker_mention_text == "il"


def test_a_name_after_the_medium_spoken_to_is_the_speaker():
    # "a déclaré à l’AFP X": the medium's name ends its phrase, the capitalised words after it are X
    got = extract("« Le marché rouvrira », a déclaré à l'AFP Europe Écologie.")
    assert [q.speaker_mention_text for q in got] == ["Europe Écologie"]


def test_a_medium_is_no_other_body():
    # "le journal" after a union was named: no medium to point to, the description stays
    got = extract("La CGT a publié l'enquête lundi. « Les faits sont graves », écrit le journal.")
    assert [(q.kind, q.speaker) for q in got] == [("direct", "le journal")]


def test_dates_and_numbers_inside_claims():
    got = extract("« Nous avons reçu 85 plaintes vendredi », a déclaré Paul Durand.", published="2022-12-30")
    q = got[0]
    assert [(n.value, n.unit) for n in q.numbers] == [(85.0, "plaintes")]
    assert [d.value for d in q.dates] == ["2022-12-30"]
    assert q.speaker_id == "person:paul-durand" and q.speaker_type == "person"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("ab é,.:;«»“”\"'\n-AEPq") + [" il a dit ", " selon ", " que ",
                                                                    "Paul Durand", " a-t-elle ajouté"]),
                max_size=60).map("".join))
def test_extract_never_raises_and_spans_index_the_text(text):
    for q in extract(text):
        s, e = q.content
        assert 0 <= s <= e <= len(text)
        assert q.content_text == text[s:e]
        for span in (q.cue, q.speaker_mention):
            if span is not None:
                assert 0 <= span[0] <= span[1] <= len(text)


def test_a_quoted_term_inside_the_speakers_name_is_no_quote():
    got = quotes_of("« Nous étions plus nombreux l’an passé », regrette un « marcheur bleu » belge.")
    assert [q[1] for q in got] == ["Nous étions plus nombreux l’an passé"], got


def test_a_quoted_term_after_a_determiner_takes_no_cue_after_it():
    got = quotes_of("Après un sketch où il moquait les « gilets verts », Marc Vidal s’est excusé lundi.")
    assert not [q for q in got if q[0] == "direct" and q[1] == "gilets verts"], got
