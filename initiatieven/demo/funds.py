# ruff: noqa: E501  (demo data: long Dutch sentences read better unbroken)
"""Demo funds and their schemes (data only; loaded by ``initiatieven.demo.load``)."""

# name, kind, scope, regions, themes, description, email, member email, schemes, offers
# scheme: name, description, min, max, legal entity, stages, closes in days (None = rolling)
#   and, where the fund states one, its main subject (FundingScheme.main_themes)
FUNDS = [
    (
        "Oranje Fonds",
        "national",
        [],
        ["buurt en ontmoeting", "armoede", "zorg en welzijn"],
        "Wil dat niemand er alleen voor staat. Steunt sociale initiatieven en ontmoetingsplekken, met extra aandacht voor eenzaamheid en armoede.",
        "info@oranjefonds.nl",
        "fonds@demo.nl",
        [
            (
                "Groeiregeling sociale initiatieven",
                "Voor initiatieven die willen uitgroeien tot een vaste plek in de buurt.",
                5000,
                25000,
                True,
                ["growth", "consolidation"],
                None,
            ),
            (
                "Kleine bijdrage ontmoeting",
                "Een steuntje in de rug voor ontmoetingsactiviteiten in de buurt.",
                500,
                5000,
                False,
                [],
                None,
                ["buurt en ontmoeting"],
            ),
        ],
        [
            ("network", "Campagnes als NLdoet en Burendag"),
            ("knowledge", "Programma's en bijeenkomsten voor initiatieven"),
        ],
    ),
    (
        "VSBfonds",
        "national",
        [],
        ["participatie", "cultuur", "onderwijs"],
        "Heeft geld voor startende bewonersinitiatieven en helpt ze op weg naar een gezonde mix van inkomsten.",
        "info@vsbfonds.nl",
        "fonds@demo.nl",
        [
            (
                "Startersbijdrage bewonersinitiatieven",
                "Voor bewoners die net beginnen en hun eerste activiteiten willen betalen.",
                1000,
                7500,
                False,
                ["idea", "start"],
                None,
            )
        ],
        [("network", "Adviseurs die je met andere organisaties in contact brengen")],
    ),
    (
        "Stichting DOEN",
        "national",
        [],
        ["duurzaamheid", "economie", "cultuur"],
        "Steunt vernieuwende initiatieven van actieve burgers en geeft ze een vliegende start.",
        "info@doen.nl",
        None,
        [
            (
                "Vliegende start",
                "Voor vernieuwende, groene of sociale ondernemingen van bewoners.",
                5000,
                50000,
                True,
                ["start", "growth"],
                90,
            )
        ],
        [("network", "Bijeenkomsten voor partners die zich inzetten voor hun buurt")],
    ),
    (
        "KNHM Foundation",
        "national",
        [],
        ["wonen", "groen", "buurt en ontmoeting"],
        "Daagt mensen uit hun leefomgeving mooier en socialer te maken, met een landelijk netwerk van vrijwillige adviseurs.",
        "info@knhm.nl",
        None,
        [
            (
                "Participaties voor bewonersbedrijven",
                "Passende financiering voor bewonersbedrijven die vastgoed willen kopen.",
                20000,
                250000,
                True,
                ["growth", "consolidation"],
                None,
                ["wonen"],
            )
        ],
        [
            ("knowledge", "Gratis advies op maat door vrijwillige adviseurs"),
            ("fiscal_host", "Kan tijdelijk als penvoerder optreden voor kleine projecten"),
        ],
    ),
    (
        "Fonds 1818",
        "municipalities",
        ["'s-Gravenhage", "Delft", "Zoetermeer", "Leidschendam-Voorburg", "Rijswijk", "Westland"],
        ["participatie", "duurzaamheid", "jeugd"],
        "Steunt projecten in Den Haag en omgeving en wil graag initiatieven vinden die nog niet bij fondsen aankloppen.",
        "info@fonds1818.nl",
        None,
        [
            (
                "Buurtprojecten Haaglanden",
                "Voor bewonersprojecten die de buurt sterker en groener maken.",
                500,
                15000,
                False,
                [],
                None,
                ["participatie"],
            )
        ],
        [],
    ),
    (
        "Rabobank Coöperatiefonds West-Twente",
        "municipalities",
        ["Almelo", "Wierden", "Twenterand", "Tubbergen"],
        ["sport", "economie", "buurt en ontmoeting"],
        "Het coöperatiefonds van de lokale bank steunt verenigingen en initiatieven in de regio.",
        "cooperatiefonds@example.nl",
        None,
        [
            (
                "Coöperatiefonds",
                "Voor verenigingen en stichtingen met een plan voor de regio.",
                1000,
                10000,
                True,
                [],
                60,
            )
        ],
        [],
    ),
    (
        "Kansfonds",
        "national",
        [],
        ["armoede", "inclusie"],
        "Steunt initiatieven voor mensen in een kwetsbare positie.",
        "info@kansfonds.nl",
        None,
        [
            (
                "Samen tegen armoede",
                "Voor initiatieven die mensen met weinig geld laten meedoen.",
                1000,
                20000,
                False,
                [],
                None,
            )
        ],
        [],
    ),
    (
        "Skanfonds",
        "national",
        [],
        ["zorg en welzijn", "ouderen", "inclusie"],
        "Steunt projecten die mensen in een kwetsbare situatie zelf sterker maken.",
        "info@skanfonds.nl",
        None,
        [
            (
                "Eigen kracht",
                "Voor projecten waarin deelnemers zelf de regie houden.",
                2500,
                30000,
                True,
                ["start", "growth"],
                None,
            )
        ],
        [],
    ),
    (
        "Prins Bernhard Cultuurfonds Zuid-Holland",
        "provinces",
        ["Zuid-Holland"],
        ["cultuur"],
        "Steunt cultuur en natuur in de provincie.",
        "zuid-holland@cultuurfonds.nl",
        None,
        [
            (
                "Cultuur in de buurt",
                "Voor culturele activiteiten door en voor bewoners.",
                500,
                10000,
                False,
                [],
                120,
            )
        ],
        [],
    ),
    (
        "Fonds Leefbaar Overijssel",
        "provinces",
        ["Overijssel"],
        ["buurt en ontmoeting", "participatie", "groen"],
        "Een (voor de demo bedacht) provinciaal fonds voor leefbaarheid in dorpen en wijken.",
        "info@leefbaaroverijssel.example",
        None,
        [
            (
                "Dorps- en wijkbudget",
                "Voor bewoners die samen hun dorp of wijk leefbaarder maken.",
                250,
                7500,
                False,
                [],
                None,
            )
        ],
        [],
    ),
]
