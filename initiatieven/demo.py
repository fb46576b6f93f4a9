# ruff: noqa: E501  (demo data: long Dutch sentences read better unbroken)
"""Demo initiatives, funds and partners for `manage.py load_demo`.

Names and facts come from the seed documents (GoudaBruist, Stadslab Leiden, Wikistad,
De Kunst van het Delen, Timorplein Community, the Smederijen van Hoogeveen, the funds of
seed 004 and of the Samen Doen! newspaper); every text is written in our own words and
amounts and dates are invented for the demo. Idempotent: everything is keyed on slugs.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from initiatieven import services
from initiatieven.models import (
    FundingScheme,
    Initiative,
    Membership,
    Need,
    Offer,
    Organisation,
    OrganisationMember,
)
from netwerkplatform.core import registry
from netwerkplatform.core.demo import demo_person
from netwerkplatform.core.models import Municipality, Province

# name, place, kind, stage, legal form, themes, pitch, description, needs, offers, initiator
INITIATIVES = [
    (
        "GoudaBruist",
        "Gouda",
        "network",
        "consolidation",
        "foundation",
        ["participatie", "buurt en ontmoeting"],
        "Een stadsbreed netwerk dat Goudse initiatieven, professionals en fondsen bij elkaar brengt.",
        "Wat begon als een ideeënbrouwerij groeide uit tot een netwerk waar bewoners met een plan de juiste mensen vinden.\nWe organiseren bruispunten: avonden waar initiatieven, ambtenaren en fondsen elkaar ontmoeten.",
        [
            ("money", "Een bijdrage voor drie bruispunten per jaar", 4500),
            ("organising_power", "Vonkdragers die een bruispunt mee organiseren", None),
        ],
        [
            ("network", "Ons netwerk van ruim honderd Goudse initiatieven"),
            ("knowledge", "Ervaring met het opzetten van een lokaal netwerk"),
        ],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Stadslab Leiden",
        "Leiden",
        "network",
        "growth",
        "foundation",
        ["participatie", "duurzaamheid", "buurt en ontmoeting"],
        "Bijna duizend Leidenaren die samen werken aan een stad waar bewoners zelf het verschil maken.",
        "Stadslab begon met een paar stadsgesprekken en is nu een platform waar bewoners ideeën delen, uitproberen en elkaar helpen.\nWe waren gastheer van een RollingStones-bijeenkomst.",
        [
            ("space", "Een vaste plek voor onze maandelijkse stadsavonden", None),
            ("money", "Budget voor een stadsfestival", 12000),
        ],
        [
            ("knowledge", "Hoe je bewoners betrekt zonder vergadercultuur"),
            ("space", "Onze werkplaats op zaterdag"),
        ],
        "netwerk@demo.nl",
    ),
    (
        "De Kunst van het Delen",
        "Amstelveen",
        "network",
        "growth",
        "informal",
        ["buurt en ontmoeting", "duurzaamheid"],
        "Amstelveners delen spullen, kennis en tijd, zonder dat er geld aan te pas komt.",
        "Een netwerk van bewoners die elkaar helpen met klussen, lenen en leren. Wie iets brengt, mag iets halen.",
        [
            ("people", "Meedoeners die een deelpunt in hun straat willen beheren", None),
            ("money", "Een kleine bijdrage voor deelkasten", 1800),
        ],
        [
            ("materials", "Gereedschap en materialen om te lenen"),
            ("knowledge", "Hoe je een ruilsysteem zonder geld opzet"),
        ],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Wikistad",
        "Rotterdam",
        "initiative",
        "start",
        "cooperative",
        ["armoede", "werk", "inclusie"],
        "Van een plek waar je hulp haalt naar een plek waar je samen iets maakt: broedplaatsen van sociale veerkracht.",
        "We willen plekken als de voedselbank omvormen tot werkplaatsen waar mensen hun eigen talenten inzetten voor de buurt.",
        [
            ("money", "Startkapitaal voor de eerste werkplaats", 15000),
            ("knowledge", "Advies over coöperatief ondernemen", None),
        ],
        [("people", "Deelnemers die klussen in de wijk doen")],
        "netwerk@demo.nl",
    ),
    (
        "Makers en Doeners",
        "Gouda",
        "initiative",
        "growth",
        "informal",
        ["cultuur", "participatie"],
        "Creatieve Gouwenaars die ideeën van bewoners helpen uitwerken tot iets tastbaars.",
        "Een groep makers die met workshops en ideeënbrouwerijen bewoners op weg helpt.",
        [("space", "Een atelier voor werksessies", None)],
        [
            ("organising_power", "Begeleiding van creatieve sessies"),
            ("knowledge", "Ontwerpdenken voor buurtplannen"),
        ],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Smederijen van Hoogeveen",
        "Hoogeveen",
        "network",
        "consolidation",
        "other",
        ["veiligheid", "wonen", "buurt en ontmoeting"],
        "Bewoners, gemeente, politie, woningstichtingen en zorg werken per wijk samen aan leefbaarheid.",
        "Geen organisatie maar een gezamenlijke werkwijze van zes partners. Veel plannen komen van bewoners zelf.",
        [("people", "Bewoners die meedenken in het wijkoverleg", None)],
        [("knowledge", "Ervaring met wijkgericht samenwerken met instellingen")],
        "netwerk@demo.nl",
    ),
    (
        "Timorplein Community",
        "Amsterdam",
        "network",
        "growth",
        "association",
        ["economie", "buurt en ontmoeting"],
        "Ondernemers en bewoners rond het Timorplein maken de lokale economie zichtbaar.",
        "We verbinden ondernemers met de wijk: van stagemogelijkheden tot gezamenlijke buurtfeesten.",
        [
            ("money", "Een bijdrage voor de jaarlijkse pleindag", 3500),
            ("network", "Contacten met scholen in de buurt", None),
        ],
        [
            ("space", "Vergaderruimte bij aangesloten ondernemers"),
            ("people", "Ondernemers die mentor willen zijn"),
        ],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Afrikaanderwijk Coöperatie",
        "Rotterdam",
        "initiative",
        "growth",
        "cooperative",
        ["werk", "economie"],
        "Bewoners en ondernemers die samen werk en diensten in de wijk organiseren.",
        "Schoonmaak, catering en een werkplaats: de coöperatie houdt het geld en het werk in de buurt.",
        [("money", "Investering in een gedeelde keuken", 25000)],
        [("organising_power", "Ervaring met een wijkcoöperatie")],
        "netwerk@demo.nl",
    ),
    (
        "Buurtmoestuin De Kas",
        "Gouda",
        "initiative",
        "start",
        "informal",
        ["groen", "voedsel"],
        "Bewoners kweken samen groente in een oude kas en delen de oogst.",
        "Elke zaterdag werken we in de kas. Iedereen is welkom, ook zonder groene vingers.",
        [
            ("money", "Gereedschap, zaden en een regenton", 2500),
            ("people", "Vrijwilligers op zaterdag", None),
        ],
        [("space", "De kas voor bijeenkomsten in de zomer")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Repair Café Zwolle-Zuid",
        "Zwolle",
        "initiative",
        "growth",
        "association",
        ["duurzaamheid", "buurt en ontmoeting"],
        "Samen repareren in plaats van weggooien, elke eerste zaterdag van de maand.",
        "Vrijwillige reparateurs helpen buurtbewoners met kapotte spullen en een kop koffie.",
        [
            ("people", "Reparateurs met verstand van elektronica", None),
            ("materials", "Soldeerbouten en meetapparatuur", None),
        ],
        [("knowledge", "Reparatiekennis"), ("space", "Ons buurthuis op maandagavond")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Energiecoöperatie Zon op Leiden",
        "Leiden",
        "initiative",
        "growth",
        "cooperative",
        ["energie", "duurzaamheid"],
        "Bewoners leggen samen zonnepanelen op grote daken in de stad.",
        "We zoeken daken, leden en een startlening voor het volgende project.",
        [
            ("money", "Een startlening voor een schooldak", 40000),
            ("space", "Geschikte grote daken", None),
        ],
        [("knowledge", "Hoe je een energiecoöperatie opricht")],
        "netwerk@demo.nl",
    ),
    (
        "Taalmaatjes Hoogeveen",
        "Hoogeveen",
        "initiative",
        "start",
        "informal",
        ["inclusie", "onderwijs"],
        "Nieuwkomers oefenen Nederlands met een vaste maatje uit de buurt.",
        "Koppels spreken wekelijks af in de bibliotheek of thuis.",
        [
            ("people", "Taalmaatjes voor twaalf nieuwkomers", None),
            ("money", "Lesmateriaal en koffie", 900),
        ],
        [("network", "Contacten met nieuwkomers in de wijk")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Samen aan Tafel Zwolle",
        "Zwolle",
        "initiative",
        "idea",
        "informal",
        ["ouderen", "voedsel", "buurt en ontmoeting"],
        "Een wekelijkse maaltijd voor buurtgenoten die vaak alleen eten.",
        "We zoeken een keuken en koks om in het voorjaar te beginnen.",
        [
            ("space", "Een keuken op woensdagmiddag", None),
            ("money", "Boodschappen voor het eerste halfjaar", 3000),
        ],
        [("people", "Gastvrouwen en -heren")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Jongerenpodium Leiden-Noord",
        "Leiden",
        "initiative",
        "start",
        "foundation",
        ["jeugd", "cultuur"],
        "Jongeren organiseren zelf optredens en workshops in hun wijk.",
        "Een podium door en voor jongeren tussen 14 en 23 jaar.",
        [("money", "Licht en geluid", 6000), ("knowledge", "Coaching bij het organiseren", None)],
        [("organising_power", "Jongeren die evenementen helpen opbouwen")],
        "netwerk@demo.nl",
    ),
    (
        "Groene Schoolpleinen Gouda",
        "Gouda",
        "initiative",
        "start",
        "informal",
        ["groen", "jeugd"],
        "Ouders en kinderen vergroenen samen de schoolpleinen in Gouda-Oost.",
        "We vervangen tegels door groen en maken een plek om te spelen en te leren.",
        [("money", "Planten, bomen en grond", 8000), ("people", "Ouders voor plantdagen", None)],
        [("knowledge", "Een draaiboek voor groene pleinen")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Buurtkamer De Bron",
        "Amstelveen",
        "initiative",
        "consolidation",
        "foundation",
        ["ouderen", "buurt en ontmoeting", "zorg en welzijn"],
        "Een huiskamer in de wijk waar iedereen binnen kan lopen.",
        "Vrijwilligers houden de buurtkamer vijf dagen per week open.",
        [("money", "Huur voor het komende jaar", 9500)],
        [("space", "De buurtkamer voor andere initiatieven")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Fietsmaatjes Deventer",
        "Deventer",
        "initiative",
        "growth",
        "association",
        ["ouderen", "mobiliteit"],
        "Ouderen fietsen op een duofiets mee met een vrijwilliger.",
        "Zo komen mensen weer buiten en ontstaan er nieuwe vriendschappen.",
        [
            ("materials", "Een tweede duofiets", None),
            ("money", "Onderhoud van de duofietsen", 2200),
        ],
        [("people", "Vrijwilligers die ook bij andere initiatieven willen helpen")],
        "netwerk@demo.nl",
    ),
    (
        "Voedselbos Utrecht-West",
        "Utrecht",
        "initiative",
        "idea",
        "informal",
        ["groen", "voedsel", "duurzaamheid"],
        "Een eetbaar bos op een braakliggend terrein.",
        "We zoeken grond en mensen die willen planten.",
        [
            ("space", "Een stuk grond van minstens een halve hectare", None),
            ("knowledge", "Kennis van voedselbossen", None),
        ],
        [],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Wijkbedrijf Noord Groningen",
        "Groningen",
        "initiative",
        "growth",
        "foundation",
        ["werk", "wonen"],
        "Bewoners doen betaalde klussen in de wijk en houden de opbrengst in de buurt.",
        "Groenonderhoud, kleine reparaties en een klusbus voor huurders.",
        [("money", "Een elektrische klusbus", 30000)],
        [("people", "Klussers voor andere initiatieven")],
        "netwerk@demo.nl",
    ),
    (
        "Mantelzorgcafé Eindhoven",
        "Eindhoven",
        "initiative",
        "start",
        "informal",
        ["zorg en welzijn", "gezondheid"],
        "Mantelzorgers ontmoeten elkaar en delen wat werkt.",
        "Elke maand een avond met een gastspreker en tijd om bij te praten.",
        [
            ("space", "Een rustige ruimte op donderdagavond", None),
            ("money", "Sprekers en koffie", 1200),
        ],
        [("knowledge", "Ervaringen van mantelzorgers")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Buurtpreventie Zuidwijk",
        "Rotterdam",
        "initiative",
        "growth",
        "informal",
        ["veiligheid"],
        "Bewoners lopen samen avondrondes en houden contact met de wijkagent.",
        "We willen meer jongeren betrekken bij het buurtpreventieteam.",
        [("people", "Nieuwe lopers", None)],
        [("network", "Contact met wijkagent en woningcorporatie")],
        "netwerk@demo.nl",
    ),
    (
        "Speeltuinvereniging Het Klimrek",
        "Zwolle",
        "initiative",
        "consolidation",
        "association",
        ["jeugd", "sport"],
        "Een speeltuin die al veertig jaar door buurtouders draaiende wordt gehouden.",
        "Nieuwe toestellen zijn nodig en het bestuur zoekt opvolging.",
        [
            ("money", "Een nieuw klimtoestel", 14000),
            ("organising_power", "Nieuwe bestuursleden", None),
        ],
        [("space", "Het speeltuingebouw voor kinderfeestjes en bijeenkomsten")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Digitaal Café Den Haag",
        "'s-Gravenhage",
        "initiative",
        "start",
        "informal",
        ["ouderen", "inclusie", "onderwijs"],
        "Hulp bij de computer, de telefoon en DigiD, zonder haast.",
        "Studenten en gepensioneerden helpen buurtgenoten met digitale vragen.",
        [
            ("materials", "Tweedehands laptops", None),
            ("money", "Internetabonnement en printer", 800),
        ],
        [("knowledge", "Digitale vaardigheden")],
        "netwerk@demo.nl",
    ),
    (
        "Kunstroute Hoogeveen",
        "Hoogeveen",
        "initiative",
        "growth",
        "foundation",
        ["cultuur", "economie"],
        "Een jaarlijkse route langs ateliers en etalages in het centrum.",
        "Kunstenaars en winkeliers werken samen om het centrum levendig te maken.",
        [("money", "Drukwerk en bewegwijzering", 4000)],
        [("space", "Etalages als expositieruimte")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Wooncoöperatie De Hofjes",
        "Leiden",
        "initiative",
        "idea",
        "cooperative",
        ["wonen", "ouderen"],
        "Ouderen en jongeren die samen een woonhof willen bouwen.",
        "We verkennen locaties en financiering voor twintig woningen rond een hof.",
        [
            ("knowledge", "Juridisch advies over wooncoöperaties", None),
            ("money", "Een haalbaarheidsonderzoek", 20000),
        ],
        [],
        "netwerk@demo.nl",
    ),
    (
        "Sportmaatjes Gouda",
        "Gouda",
        "initiative",
        "start",
        "informal",
        ["sport", "gezondheid", "inclusie"],
        "Samen bewegen voor wie het alleen niet lukt.",
        "Een maatje gaat mee naar de sportschool of het zwembad.",
        [("people", "Sportieve vrijwilligers", None)],
        [("network", "Contacten met sportclubs")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Netwerk Samen Doen! Zwolle",
        "Zwolle",
        "network",
        "growth",
        "foundation",
        ["participatie"],
        "Het netwerk achter de Samen Doen!-manifestatie voor initiatiefnemers en professionals.",
        "We brengen netwerkbouwers uit de regio samen met workshops, open spaces en dates.",
        [
            ("money", "Een bijdrage voor de volgende manifestatie", 10000),
            ("space", "Een grote zaal voor 250 mensen", None),
        ],
        [("organising_power", "Draaiboek en vrijwilligers voor netwerkbijeenkomsten")],
        "netwerk@demo.nl",
    ),
    (
        "Buurtbieb Amstelveen-Noord",
        "Amstelveen",
        "initiative",
        "start",
        "informal",
        ["onderwijs", "buurt en ontmoeting"],
        "Minibiebs in de straat, beheerd door buren.",
        "We plaatsen kastjes bij scholen en het winkelcentrum.",
        [("materials", "Houten kasten", None)],
        [("knowledge", "Hoe je een minibieb onderhoudt")],
        "initiatiefnemer@demo.nl",
    ),
    (
        "Klimaatstraat Utrecht",
        "Utrecht",
        "initiative",
        "idea",
        "informal",
        ["energie", "groen"],
        "Een straat die samen isoleert, vergroent en energie bespaart.",
        "We beginnen met een warmtescan en een buurtavond.",
        [("money", "Warmtecamera en buurtavonden", 1500)],
        [],
        "netwerk@demo.nl",
    ),
    (
        "Moedernetwerk Schilderswijk",
        "'s-Gravenhage",
        "network",
        "start",
        "informal",
        ["jeugd", "inclusie", "zorg en welzijn"],
        "Moeders uit de wijk helpen elkaar met opvoeding, school en werk.",
        "Wekelijkse koffieochtenden en een appgroep waar niemand alleen staat.",
        [
            ("space", "Een ruimte voor koffieochtenden", None),
            ("money", "Kinderopvang tijdens bijeenkomsten", 2600),
        ],
        [("people", "Moeders die anderen wegwijs maken")],
        "initiatiefnemer@demo.nl",
    ),
]

# name, kind, scope, regions, themes, description, email, member email, schemes, offers
# scheme: name, description, min, max, legal entity, stages, closes in days (None = rolling)
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

PARTNERS = [
    (
        "LSA Bewoners",
        "network",
        "national",
        [],
        ["participatie", "wonen"],
        "Een vereniging van actieve bewonersgroepen, buurthuizen in zelfbeheer en buurtcoöperaties. Geen financier, wel wegwijzer.",
        "info@lsabewoners.nl",
        None,
        [
            ("knowledge", "Een grote online kennisbank voor actieve bewoners"),
            ("network", "Doorverwijzing naar bewonersgroepen in het hele land"),
        ],
    ),
    (
        "Vereniging NOV",
        "association",
        "national",
        [],
        ["participatie"],
        "Het netwerk van vrijwilligersorganisaties; kent het veld en behartigt de belangen van vrijwilligers.",
        "info@nov.nl",
        None,
        [("knowledge", "Kennis over vrijwillige inzet en workshops")],
    ),
    (
        "Nederland Zorgt Voor Elkaar",
        "network",
        "national",
        [],
        ["zorg en welzijn", "wonen"],
        "Het landelijke netwerk van bewonersinitiatieven in welzijn, zorg en wonen, met een helpdesk voor vragen.",
        "info@nlzve.nl",
        None,
        [("knowledge", "Een helpdesk voor vragen over zorginitiatieven")],
    ),
    (
        "Gemeente Gouda",
        "municipality",
        "municipalities",
        ["Gouda"],
        ["participatie", "buurt en ontmoeting"],
        "De gemeente denkt mee met bewonersinitiatieven en heeft een wijkbudget.",
        "",
        "gemeente@demo.nl",
        [
            ("network", "Contact met wijkregisseurs"),
            ("space", "Vergaderruimte in het Huis van de Stad"),
        ],
    ),
    (
        "Gemeente Zwolle",
        "municipality",
        "municipalities",
        ["Zwolle"],
        ["participatie"],
        "Ondersteunt initiatieven in de wijken met wijkmanagers en een initiatievenfonds.",
        "",
        None,
        [("network", "Wijkmanagers die de weg wijzen")],
    ),
    (
        "Gemeente Leiden",
        "municipality",
        "municipalities",
        ["Leiden"],
        ["participatie", "duurzaamheid"],
        "Werkt met bewoners aan een duurzame en sociale stad.",
        "",
        None,
        [("knowledge", "Hulp bij vergunningen voor buurtactiviteiten")],
    ),
    (
        "Welzijn Midden-Holland",
        "welfare",
        "provinces",
        ["Zuid-Holland"],
        ["zorg en welzijn", "ouderen"],
        "Een (voor de demo bedachte) welzijnsorganisatie met opbouwwerkers in de wijken.",
        "info@welzijnmh.example",
        "partner@demo.nl",
        [
            ("organising_power", "Opbouwwerkers die helpen organiseren"),
            ("fiscal_host", "Penvoerderschap voor informele buurtinitiatieven"),
            ("space", "Buurthuizen voor activiteiten"),
        ],
    ),
    (
        "Woonstichting De Smidse",
        "housing",
        "municipalities",
        ["Hoogeveen"],
        ["wonen", "veiligheid"],
        "Een (voor de demo bedachte) woningcorporatie die meedoet aan de wijkaanpak.",
        "info@desmidse.example",
        None,
        [
            ("space", "Leegstaande ruimtes voor bewonersactiviteiten"),
            ("money", "Een klein leefbaarheidsbudget per wijk"),
        ],
    ),
    (
        "Vrijwilligerscentrale Gouda",
        "volunteer_centre",
        "municipalities",
        ["Gouda"],
        ["participatie"],
        "Brengt vrijwilligers en initiatieven bij elkaar.",
        "info@vcgouda.example",
        None,
        [
            ("people", "Vrijwilligers vinden via onze vacaturebank"),
            ("knowledge", "Trainingen voor vrijwilligers"),
        ],
    ),
    (
        "Hogeschool Windesheim, lectoraat Participatie",
        "education",
        "provinces",
        ["Overijssel"],
        ["onderwijs", "participatie"],
        "Studenten en onderzoekers werken mee aan vragen uit de praktijk.",
        "",
        None,
        [("knowledge", "Studentenprojecten en onderzoek"), ("people", "Stagiairs")],
    ),
    (
        "Bouwbedrijf Van der Veen",
        "business",
        "municipalities",
        ["Zwolle", "Kampen"],
        ["wonen"],
        "Een (voor de demo bedacht) lokaal bouwbedrijf dat graag iets teruggeeft aan de buurt.",
        "",
        None,
        [("materials", "Restmaterialen en gereedschap"), ("people", "Vakmensen voor een klusdag")],
    ),
    (
        "Bibliotheek Leiden",
        "education",
        "municipalities",
        ["Leiden"],
        ["onderwijs", "inclusie"],
        "Een plek om te leren, elkaar te ontmoeten en digitaal mee te doen.",
        "",
        None,
        [("space", "Zalen voor bijeenkomsten"), ("knowledge", "Digitale spreekuren")],
    ),
    (
        "Sportbedrijf Deventer",
        "other",
        "municipalities",
        ["Deventer"],
        ["sport", "gezondheid"],
        "Helpt buurten en verenigingen om meer mensen in beweging te krijgen.",
        "",
        None,
        [("knowledge", "Buurtsportcoaches")],
    ),
    (
        "Ondernemersvereniging Amstelveen",
        "association",
        "municipalities",
        ["Amstelveen"],
        ["economie"],
        "Lokale ondernemers die zich inzetten voor de stad.",
        "",
        None,
        [
            ("network", "Contacten met honderden ondernemers"),
            ("money", "Sponsoring voor buurtactiviteiten"),
        ],
    ),
    (
        "Platform Burgerkracht Brabant",
        "network",
        "provinces",
        ["Noord-Brabant"],
        ["zorg en welzijn", "participatie"],
        "Een netwerk voor en door Brabantse burger- en cliëntinitiatieven in zorg en welzijn.",
        "",
        None,
        [("knowledge", "Open spaces en uitwisseling")],
    ),
]


def _place(name: str) -> Municipality:
    return Municipality.objects.get(name=name)


def _set_region(obj, scope: str, regions: list[str]) -> None:
    obj.provinces.set(Province.objects.filter(name__in=regions) if scope == "provinces" else [])
    obj.municipalities.set(
        Municipality.objects.filter(name__in=regions) if scope == "municipalities" else []
    )


def _load_initiatives() -> list[int]:
    ids = []
    now = timezone.now()
    for age, row in enumerate(INITIATIVES):
        name, place, kind, stage, legal, themes, pitch, description, needs, offers, initiator = row
        initiative, _ = Initiative.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "stage": stage,
                "legal_form": legal,
                "pitch": pitch,
                "description": description,
                "municipality": _place(place),
                "contact_email": f"contact@{slugify(name)}.example",
                "visibility": Initiative.Visibility.PUBLIC,
                "created_at": now - datetime.timedelta(days=3 * age + 1),
            },
        )
        initiative.themes.set(themes)
        initiative.needs.all().delete()
        initiative.offers.all().delete()
        Need.objects.bulk_create(
            Need(initiative=initiative, kind=k, description=d, amount=Decimal(a) if a else None)
            for k, d, a in needs
        )
        Offer.objects.bulk_create(
            Offer(initiative=initiative, kind=k, description=d) for k, d in offers
        )
        Membership.objects.update_or_create(
            initiative=initiative,
            user=demo_person(initiator),
            defaults={"role": Membership.Role.INITIATOR, "show_on_profile": True},
        )
        ids.append(initiative.pk)
    return ids


def _load_organisation(
    name, kind, scope, regions, themes, description, email, member
) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        slug=slugify(name),
        defaults={
            "name": name,
            "kind": kind,
            "scope": scope,
            "description": description,
            "email": email,
            "status": Organisation.Status.APPROVED,
        },
    )
    organisation.themes.set(themes)
    _set_region(organisation, scope, regions)
    if member:
        OrganisationMember.objects.update_or_create(
            organisation=organisation,
            user=demo_person(member),
            defaults={"role": OrganisationMember.Role.ADMIN},
        )
    return organisation


def _load_offers(organisation: Organisation, offers) -> None:
    organisation.offers.all().delete()
    Offer.objects.bulk_create(
        Offer(organisation=organisation, kind=k, description=d) for k, d in offers
    )


@transaction.atomic
def load() -> list[tuple[str, str]]:
    ids = _load_initiatives()
    today = timezone.localdate()
    for name, scope, regions, themes, description, email, member, schemes, offers in FUNDS:
        fund = _load_organisation(name, "fund", scope, regions, themes, description, email, member)
        _load_offers(fund, offers)
        for scheme_name, text, low, high, legal, stages, closes_in in schemes:
            scheme, _ = FundingScheme.objects.update_or_create(
                organisation=fund,
                name=scheme_name,
                defaults={
                    "description": text,
                    "min_amount": Decimal(low),
                    "max_amount": Decimal(high),
                    "requires_legal_entity": legal,
                    "eligible_stages": stages,
                    "is_active": True,
                    "closes_on": today + datetime.timedelta(days=closes_in) if closes_in else None,
                },
            )
            scheme.themes.set(themes[:2])
    for name, kind, scope, regions, themes, description, email, member, offers in PARTNERS:
        partner = _load_organisation(name, kind, scope, regions, themes, description, email, member)
        _load_offers(partner, offers)
    services.initiative_search_refresh(ids=ids)
    return []


registry.register_demo_loader(registry.DemoLoader(key="initiatieven", load=load, order=20))
