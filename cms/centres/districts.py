"""The districts the demo and a fresh installation start with; staff add more in the admin.

Source: the Punjab's districts as listed in "List of districts in Punjab, Pakistan"
(https://en.wikipedia.org/wiki/List_of_districts_in_Punjab,_Pakistan), read 2026-12-03. Only the
36 districts that have existed since 2009 are seeded: the districts notified from 2022 onwards
(among them Murree, Talagang, Wazirabad, Kot Addu and Taunsa) were still changing when last checked,
so a centre adds them when it reports from them.
"""

SOURCE_URL = "https://en.wikipedia.org/wiki/List_of_districts_in_Punjab,_Pakistan"
LAST_VERIFIED = "2026-12-03"

PUNJAB = (
    "Attock", "Bahawalnagar", "Bahawalpur", "Bhakkar", "Chakwal", "Chiniot", "Dera Ghazi Khan",
    "Faisalabad", "Gujranwala", "Gujrat", "Hafizabad", "Jhang", "Jhelum", "Kasur", "Khanewal", "Khushab",
    "Lahore", "Layyah", "Lodhran", "Mandi Bahauddin", "Mianwali", "Multan", "Muzaffargarh",
    "Nankana Sahib", "Narowal", "Okara", "Pakpattan", "Rahim Yar Khan", "Rajanpur", "Rawalpindi",
    "Sahiwal", "Sargodha", "Sheikhupura", "Sialkot", "Toba Tek Singh", "Vehari",
)  # fmt: skip

SEED = {"Punjab": PUNJAB}
