"""Names in the scripts a real group's members use, grouped so first and last names fit together."""

NAME_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "english": (
        ("Margaret", "David", "Sarah", "James", "Emma", "Tom", "Helen", "Chloe", "Gary", "Joan"),
        ("Thompson", "Clarke", "Walker", "Hughes", "Patel", "Robinson", "Wright", "Green"),
    ),
    "polish": (
        ("Łukasz", "Małgorzata", "Zofia", "Paweł", "Agnieszka", "Grzegorz"),
        ("Wiśniewski", "Kowalczyk", "Wójcik", "Zieliński", "Dąbrowska", "Szymańska"),
    ),
    "turkish": (
        ("Şükrü", "Ayşe", "Gülşen", "Mehmet", "Çağla", "İbrahim"),
        ("Yılmaz", "Öztürk", "Çelik", "Şahin", "Doğan", "Güneş"),
    ),
    "greek": (
        ("Γιώργος", "Ελένη", "Δημήτρης", "Μαρία", "Κατερίνα"),
        ("Παπαδόπουλος", "Νικολάου", "Γεωργίου", "Οικονόμου", "Αντωνίου"),
    ),
    "cyrillic": (
        ("Наталья", "Олександр", "Дмитрий", "Ирина", "Оксана", "Сергей"),
        ("Иванова", "Шевченко", "Соколов", "Петренко", "Смирнова", "Коваленко"),
    ),
    "irish": (
        ("Siobhán", "Pádraig", "Aoife", "Seán", "Niamh", "Éamon"),
        ("Ó Ceallaigh", "Mac Giolla", "Ní Bhriain", "Ó Súilleabháin", "Nic Aodha"),
    ),
    "arabic": (
        ("Fatima", "Youssef", "Amira", "Omar", "Layla", "Khalid"),
        ("Al-Sayed", "Haddad", "Khalil", "Farouk", "Mansour", "El-Amin"),
    ),
    "other": (
        ("José", "Nguyễn", "Rahima", "Abdi", "Zoë", "Björn", "Chidi"),
        ("Martínez", "Văn An", "Begum", "Warsame", "Brontë", "Åkesson", "Okonkwo"),
    ),
}

POOL_WEIGHTS = {
    "english": 30, "polish": 12, "turkish": 10, "greek": 8, "cyrillic": 10, "irish": 10,
    "arabic": 12, "other": 8,
}

STREETS = ("Maple Court", "Elm Street", "Station Road", "Canal Walk", "Hope Terrace")
TAGS = ("Committee", "Repairs campaign", "Newsletter", "Youth", "Translators", "Food bank rota")
TAG_COLOURS = ("#2e7d32", "#c62828", "#1565c0", "#6a1b9a", "#ef6c00", "#00838f")
GUEST_FIRST = ("Priya", "Kasia", "Marek", "Leyla", "Callum", "Mariam", "Tadhg", "Aleksandra")
GUEST_LAST = ("Shah", "Nowak", "Kowalski", "Aydın", "Fraser", "Hussain", "Ó Briain", "Popescu")

AGENDA_MINUTES = {
    "Welcome and apologies": "The chair welcomed everyone, including {guests} new faces.",
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
