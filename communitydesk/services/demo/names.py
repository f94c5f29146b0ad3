"""Names in the scripts a real group's members use, grouped so first and last names fit together."""

# Each pool: (women's first names, men's first names, women's surnames, men's surnames).
# Polish, Ukrainian/Russian, Greek and Irish surnames change with gender (Wiśniewska,
# Иванова, Παπαδοπούλου, Ní Bhriain), so a first name only meets a surname that fits it.
NAME_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "english": (
        ("Margaret", "Sarah", "Emma", "Helen", "Chloe", "Joan"),
        ("David", "James", "Tom", "Gary"),
        ("Thompson", "Clarke", "Walker", "Hughes", "Patel", "Robinson", "Wright", "Green"),
        ("Thompson", "Clarke", "Walker", "Hughes", "Patel", "Robinson", "Wright", "Green"),
    ),
    "polish": (
        ("Małgorzata", "Zofia", "Agnieszka"),
        ("Łukasz", "Paweł", "Grzegorz"),
        ("Wiśniewska", "Kowalczyk", "Wójcik", "Zielińska", "Dąbrowska", "Szymańska"),
        ("Wiśniewski", "Kowalczyk", "Wójcik", "Zieliński", "Dąbrowski", "Szymański"),
    ),
    "turkish": (
        ("Ayşe", "Gülşen", "Çağla"),
        ("Şükrü", "Mehmet", "İbrahim"),
        ("Yılmaz", "Öztürk", "Çelik", "Şahin", "Doğan", "Güneş"),
        ("Yılmaz", "Öztürk", "Çelik", "Şahin", "Doğan", "Güneş"),
    ),
    "greek": (
        ("Ελένη", "Μαρία", "Κατερίνα"),
        ("Γιώργος", "Δημήτρης", "Νίκος"),
        ("Παπαδοπούλου", "Νικολάου", "Γεωργίου", "Οικονόμου", "Αντωνίου"),
        ("Παπαδόπουλος", "Νικολάου", "Γεωργίου", "Οικονόμου", "Αντωνίου"),
    ),
    "cyrillic": (
        ("Наталья", "Ирина", "Оксана"),
        ("Олександр", "Дмитрий", "Сергей"),
        ("Иванова", "Шевченко", "Соколова", "Петренко", "Смирнова", "Коваленко"),
        ("Иванов", "Шевченко", "Соколов", "Петренко", "Смирнов", "Коваленко"),
    ),
    "irish": (
        ("Siobhán", "Aoife", "Niamh"),
        ("Pádraig", "Seán", "Éamon"),
        ("Ní Cheallaigh", "Nic Giolla", "Ní Bhriain", "Ní Shúilleabháin", "Nic Aodha"),
        ("Ó Ceallaigh", "Mac Giolla", "Ó Briain", "Ó Súilleabháin", "Mac Aodha"),
    ),
    "arabic": (
        ("Fatima", "Amira", "Layla"),
        ("Youssef", "Omar", "Khalid"),
        ("Al-Sayed", "Haddad", "Khalil", "Farouk", "Mansour", "El-Amin"),
        ("Al-Sayed", "Haddad", "Khalil", "Farouk", "Mansour", "El-Amin"),
    ),
    # Names from many places, kept as whole names so each pairing is a real one.
    "other": (
        ("Rahima Begum", "Zoë Martin", "Ngozi Okonkwo", "Thu Nguyễn", "Astrid Åkesson"),
        ("José Martínez", "Abdi Warsame", "Björn Lindqvist", "Chidi Eze", "Kofi Mensah"),
        (),
        (),
    ),
}

POOL_WEIGHTS = {
    "english": 30, "polish": 12, "turkish": 10, "greek": 8, "cyrillic": 10, "irish": 10,
    "arabic": 12, "other": 8,
}

STREETS = ("Maple Court", "Elm Street", "Station Road", "Canal Walk", "Hope Terrace")
TAGS = ("Committee", "Repairs campaign", "Newsletter", "Youth", "Translators", "Food bank rota")
TAG_COLOURS = ("#2e7d32", "#c62828", "#1565c0", "#6a1b9a", "#ef6c00", "#00838f")
GUEST_NAMES = (  # first-time visitors; whole names, each used once while any are left
    "Priya Shah", "Kasia Nowak", "Marek Kowalski", "Leyla Aydın", "Callum Fraser", "Mariam Hussain",
    "Tadhg Ó Briain", "Ioana Popescu", "Samir Benali", "Grace Mwangi", "Oksana Bondarenko",
    "Hamza Iqbal", "Lucía Fernández", "Rhys Morgan", "Ama Owusu", "Viktor Horváth",
)

AGENDA_MINUTES = {
    "Welcome and apologies": "The chair welcomed everyone{guests}.",
    "Minutes of the last meeting": "Agreed as a true record.",
    "Matters arising": "Open actions were reviewed; see the action table.",
    "Reports": "Treasurer: balance £{balance}. Repairs group: {repairs} open cases logged.",
    "Items for discussion": "Discussion of the {topic}. Members shared their experiences.",
    "Any other business": "None.",
    "Date of next meeting": "To be confirmed by the secretary.",
}

TOPICS = (
    "damp and mould survey", "service charge increase", "lift breakdowns",
    "summer fun day", "bin store lighting", "rent consultation response",
)

DECISIONS = (
    "Write to the housing association asking for a surveyor visit within 28 days.",
    "Hold a door-knocking session on Saturday morning.",
    "Book the community hall for the fun day.",
    "Send the petition to the ward councillors.",
    "",
)

ACTIONS = (
    "Draft the letter to the housing association",
    "Photograph the damp in flats 3, 7 and 12",
    "Book the community hall",
    "Translate the leaflet into Polish and Turkish",
    "Ask the council for the repairs log",
    "Set up the WhatsApp group for the stairwell reps",
    "Collect petition signatures on Elm Street",
    "Order the new banner",
)

ONE_TO_ONE_NOTES = (
    ("Housing repairs, her children's asthma", "Has lived here 11 years; the damp got worse after the new windows.",
     "Damp, slow repairs", "Will come to the next general meeting", "Invite to the repairs group"),
    ("Youth provision, football", "Runs a Sunday kickabout for the kids on the estate.",
     "Nothing for teenagers to do", "Will talk to three other parents", "Follow up about a youth meeting"),
    ("Rent increases, translation", "Moved from Gdańsk in 2014; helps neighbours with letters.",
     "People don't understand the rent letters", "Offered to translate the leaflet", "Send her the leaflet text"),
    ("Safety at night", "Works late shifts at the hospital.", "Broken lights by the bin store",
     "Will report the lights and tell us", "Check whether the lights were fixed"),
)


def all_first_names() -> list[str]:
    """Every first name in every pool, for generated test data that mixes them freely."""
    names: list[str] = []
    for women, men, women_surnames, _ in NAME_POOLS.values():
        whole = not women_surnames
        names += [n.partition(" ")[0] if whole else n for n in (*women, *men)]
    return names


def all_surnames() -> list[str]:
    """Every surname in every pool (both forms where they differ)."""
    names: list[str] = []
    for women, men, women_surnames, men_surnames in NAME_POOLS.values():
        if not women_surnames:
            names += [n.partition(" ")[2] for n in (*women, *men)]
        else:
            names += list(dict.fromkeys((*women_surnames, *men_surnames)))
    return names
