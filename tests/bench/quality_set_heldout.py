# ruff: noqa: E501  (a hand-written data table: one record per few lines reads best)
"""More held-out initiatives for ``make bench BENCH=matching_quality``: initiative ↔
initiative only.

Written by hand before the initiative ↔ initiative scoring was tuned, and not looked at
while tuning: their figures are the honest ones. Same record shape and subject clusters
as ``quality_set.INITIATIVES`` (another initiative in the same cluster is "good", one in
a related cluster "ok", anything else "unrelated"); the last field is None because their
schemes and partners are not labelled, so the benchmark leaves those kinds out for them.
Places in provinces the first set barely covers (Fryslân, Drenthe, Flevoland,
Noord-Brabant, Limburg, Zeeland …); several share only the broad themes ("buurt en
ontmoeting", "zorg en welzijn") with initiatives of another subject, on purpose.
"""

INITIATIVES = [
    ("stadsakker", "Stadsakker Leeuwarden", "Leeuwarden", "start", "association", ["groen", "voedsel", "buurt en ontmoeting"], "moestuin",
     "Op een oud sportveld verbouwen buren aardappels, bonen en kruiden; een deel van de oogst gaat naar de voedselbank.",
     [("materials", "Gereedschap en een waterpomp voor de akker", None), ("people", "Vrijwilligers om in de zomer te wieden", None)],
     [("knowledge", "Ervaring met zaaien en oogsten op een stadsakker")],
     None),
    ("zonbreda", "Energiecoöperatie Breda-Noord", "Breda", "idea", "informal", ["energie", "duurzaamheid", "buurt en ontmoeting"], "energie",
     "Buren willen samen een coöperatie oprichten voor zonnepanelen op de daken van de school en het buurthuis.",
     [("knowledge", "Hulp bij de statuten en het oprichten van een energiecoöperatie", None), ("money", "Notaris en haalbaarheidsstudie", 6000)],
     [],
     None),
    ("maasoever", "Schone Maasoever Venlo", "Venlo", "start", "informal", ["duurzaamheid", "groen", "participatie"], "afval",
     "Elke tweede zaterdag ruimen bewoners zwerfafval op langs de Maas en houden ze bij wat ze vinden.",
     [("materials", "Afvalgrijpers, handschoenen en vuilniszakken", None)],
     [("network", "Contact met scholen die mee willen doen")],
     None),
    ("soosassen", "Zilveren Soos Assen", "Assen", "growth", "association", ["ouderen", "buurt en ontmoeting", "zorg en welzijn"], "ouderen",
     "Twee middagen per week spelletjes, een warme maaltijd en gezelschap voor ouderen die alleen wonen.",
     [("people", "Vrijwilligers die ouderen met de auto ophalen", None), ("money", "Maaltijden en uitjes", 4000)],
     [("space", "Onze soosruimte op de andere dagen van de week")],
     None),
    ("geldzorgen", "Geldzorgen Café Den Bosch", "'s-Hertogenbosch", "start", "foundation", ["armoede", "zorg en welzijn", "buurt en ontmoeting"], "armoede",
     "Een inloop waar buren met geldzorgen zonder afspraak terecht kunnen voor hulp met brieven en rekeningen.",
     [("people", "Vrijwilligers met verstand van administratie", None), ("space", "Een rustige ruimte voor gesprekken", None)],
     [],
     None),
    ("straatvoetbal", "Straatvoetbal Dordrecht", "Dordrecht", "start", "informal", ["sport", "jeugd", "buurt en ontmoeting"], "sport",
     "Op het Cruyff Court organiseren buurtvaders elke vrijdagavond een voetbaltoernooi voor jongeren.",
     [("people", "Begeleiders en scheidsrechters", None), ("money", "Ballen, hesjes en prijsjes", 1200)],
     [],
     None),
    ("taalhuislelystad", "Taalhuis Lelystad", "Lelystad", "growth", "foundation", ["inclusie", "onderwijs", "buurt en ontmoeting"], "taal",
     "Inwoners die moeite hebben met lezen en schrijven oefenen elke week met een vaste taalvrijwilliger.",
     [("people", "Taalvrijwilligers", None), ("money", "Lesmateriaal en trainingen", 5000)],
     [("knowledge", "Ervaring met het werven van taalvrijwilligers")],
     None),
    ("wijkkoor", "Wijkkoor Zutphen", "Zutphen", "start", "informal", ["cultuur", "buurt en ontmoeting"], "cultuur",
     "Een laagdrempelig koor waar buren samen zingen en twee keer per jaar optreden in de wijk.",
     [("space", "Een oefenruimte met piano", None), ("money", "Een dirigent", 2500)],
     [],
     None),
    ("oudehaske", "Dorpsbelang Oudehaske", "Heerenveen", "consolidation", "association", ["wonen", "buurt en ontmoeting", "participatie"], "dorp",
     "De dorpsvereniging wil het oude schoolgebouw ombouwen tot dorpshuis met een kleine bibliotheek.",
     [("knowledge", "Advies over de exploitatie van een dorpshuis", None), ("money", "Verbouwing van de school", 45000)],
     [],
     None),
    ("speelbos", "Speelbos Vlissingen", "Vlissingen", "idea", "informal", ["jeugd", "groen"], "jeugd",
     "Kinderen en ouders willen van een stukje bos een plek maken om hutten te bouwen en te klimmen.",
     [("money", "Boomstammen, touwen en zand", 3000), ("fiscal_host", "Een penvoerder voor onze aanvraag", None)],
     [],
     None),
    ("fietsenhoorn", "Fietsenwerkplaats Hoorn", "Hoorn", "growth", "foundation", ["duurzaamheid", "mobiliteit", "werk"], "afval",
     "Nieuwkomers en buren knappen gedoneerde fietsen op en geven ze aan wie er een nodig heeft.",
     [("materials", "Gereedschap en onderdelen", None), ("people", "Handige vrijwilligers", None)],
     [("knowledge", "Fietsen leren repareren")],
     None),
    ("beweegtuin", "Beweegtuin Alkmaar", "Alkmaar", "start", "foundation", ["gezondheid", "sport", "ouderen"], "sport",
     "Een buitenfitness bij het wijkcentrum met begeleide beweeglessen voor 55-plussers.",
     [("money", "Beweegtoestellen", 15000), ("people", "Beweegbegeleiders", None)],
     [],
     None),
]
