"""States and nationalities: the one table of codes the documents, rules and screening cores share.

ICAO Doc 9303 Part 3 uses the ISO 3166-1 alpha-3 codes plus codes it assigns itself (Germany's one-letter `D`,
the British nationality classes, United Nations and other organisations, stateless persons and refugees, Kosovo
as `RKS`) and the specimen state Utopia. Other sources write some of these differently: the ISO user-assigned
`XKX` for Kosovo (visa matrices), `DEU` for Germany. Two views of the same table:

- ``MRZ_CODES``: what a machine-readable zone may hold, written as it appears once fillers are removed (`D`,
  not `D<<` and never `DEU`);
- ``NATIONALITY_CODES``: one code per nationality, what rules, lists and records compare (`DEU`, `RKS`); an
  alias of ``NATIONALITY_ALIASES`` folds into it with ``nationality_code``.
"""

from __future__ import annotations

ISO_3166_ALPHA_3: dict[str, str] = {
    "ABW": "Aruba", "AFG": "Afghanistan", "AGO": "Angola", "AIA": "Anguilla", "ALA": "Åland Islands",
    "ALB": "Albania", "AND": "Andorra", "ARE": "United Arab Emirates", "ARG": "Argentina", "ARM": "Armenia",
    "ASM": "American Samoa", "ATA": "Antarctica", "ATF": "French Southern Territories",
    "ATG": "Antigua and Barbuda", "AUS": "Australia", "AUT": "Austria", "AZE": "Azerbaijan", "BDI": "Burundi",
    "BEL": "Belgium", "BEN": "Benin", "BES": "Bonaire, Sint Eustatius and Saba", "BFA": "Burkina Faso",
    "BGD": "Bangladesh", "BGR": "Bulgaria", "BHR": "Bahrain", "BHS": "Bahamas",
    "BIH": "Bosnia and Herzegovina", "BLM": "Saint Barthélemy", "BLR": "Belarus", "BLZ": "Belize",
    "BMU": "Bermuda", "BOL": "Bolivia", "BRA": "Brazil", "BRB": "Barbados", "BRN": "Brunei Darussalam",
    "BTN": "Bhutan", "BVT": "Bouvet Island", "BWA": "Botswana", "CAF": "Central African Republic",
    "CAN": "Canada", "CCK": "Cocos (Keeling) Islands", "CHE": "Switzerland", "CHL": "Chile", "CHN": "China",
    "CIV": "Côte d'Ivoire", "CMR": "Cameroon", "COD": "Congo, Democratic Republic of the", "COG": "Congo",
    "COK": "Cook Islands", "COL": "Colombia", "COM": "Comoros", "CPV": "Cabo Verde", "CRI": "Costa Rica",
    "CUB": "Cuba", "CUW": "Curaçao", "CXR": "Christmas Island", "CYM": "Cayman Islands", "CYP": "Cyprus",
    "CZE": "Czechia", "DEU": "Germany", "DJI": "Djibouti", "DMA": "Dominica", "DNK": "Denmark",
    "DOM": "Dominican Republic", "DZA": "Algeria", "ECU": "Ecuador", "EGY": "Egypt", "ERI": "Eritrea",
    "ESH": "Western Sahara", "ESP": "Spain", "EST": "Estonia", "ETH": "Ethiopia", "FIN": "Finland",
    "FJI": "Fiji", "FLK": "Falkland Islands (Malvinas)", "FRA": "France", "FRO": "Faroe Islands",
    "FSM": "Micronesia, Federated States of", "GAB": "Gabon", "GBR": "United Kingdom", "GEO": "Georgia",
    "GGY": "Guernsey", "GHA": "Ghana", "GIB": "Gibraltar", "GIN": "Guinea", "GLP": "Guadeloupe",
    "GMB": "Gambia", "GNB": "Guinea-Bissau", "GNQ": "Equatorial Guinea", "GRC": "Greece", "GRD": "Grenada",
    "GRL": "Greenland", "GTM": "Guatemala", "GUF": "French Guiana", "GUM": "Guam", "GUY": "Guyana",
    "HKG": "Hong Kong", "HMD": "Heard Island and McDonald Islands", "HND": "Honduras", "HRV": "Croatia",
    "HTI": "Haiti", "HUN": "Hungary", "IDN": "Indonesia", "IMN": "Isle of Man", "IND": "India",
    "IOT": "British Indian Ocean Territory", "IRL": "Ireland", "IRN": "Iran", "IRQ": "Iraq", "ISL": "Iceland",
    "ISR": "Israel", "ITA": "Italy", "JAM": "Jamaica", "JEY": "Jersey", "JOR": "Jordan", "JPN": "Japan",
    "KAZ": "Kazakhstan", "KEN": "Kenya", "KGZ": "Kyrgyzstan", "KHM": "Cambodia", "KIR": "Kiribati",
    "KNA": "Saint Kitts and Nevis", "KOR": "Korea, Republic of", "KWT": "Kuwait",
    "LAO": "Lao People's Democratic Republic", "LBN": "Lebanon", "LBR": "Liberia", "LBY": "Libya",
    "LCA": "Saint Lucia", "LIE": "Liechtenstein", "LKA": "Sri Lanka", "LSO": "Lesotho", "LTU": "Lithuania",
    "LUX": "Luxembourg", "LVA": "Latvia", "MAC": "Macao", "MAF": "Saint Martin (French part)",
    "MAR": "Morocco", "MCO": "Monaco", "MDA": "Moldova", "MDG": "Madagascar", "MDV": "Maldives",
    "MEX": "Mexico", "MHL": "Marshall Islands", "MKD": "North Macedonia", "MLI": "Mali", "MLT": "Malta",
    "MMR": "Myanmar", "MNE": "Montenegro", "MNG": "Mongolia", "MNP": "Northern Mariana Islands",
    "MOZ": "Mozambique", "MRT": "Mauritania", "MSR": "Montserrat", "MTQ": "Martinique", "MUS": "Mauritius",
    "MWI": "Malawi", "MYS": "Malaysia", "MYT": "Mayotte", "NAM": "Namibia", "NCL": "New Caledonia",
    "NER": "Niger", "NFK": "Norfolk Island", "NGA": "Nigeria", "NIC": "Nicaragua", "NIU": "Niue",
    "NLD": "Netherlands", "NOR": "Norway", "NPL": "Nepal", "NRU": "Nauru", "NZL": "New Zealand",
    "OMN": "Oman", "PAK": "Pakistan", "PAN": "Panama", "PCN": "Pitcairn", "PER": "Peru",
    "PHL": "Philippines", "PLW": "Palau", "PNG": "Papua New Guinea", "POL": "Poland", "PRI": "Puerto Rico",
    "PRK": "Korea, Democratic People's Republic of", "PRT": "Portugal", "PRY": "Paraguay",
    "PSE": "Palestine, State of", "PYF": "French Polynesia", "QAT": "Qatar", "REU": "Réunion",
    "ROU": "Romania", "RUS": "Russian Federation", "RWA": "Rwanda", "SAU": "Saudi Arabia", "SDN": "Sudan",
    "SEN": "Senegal", "SGP": "Singapore", "SGS": "South Georgia and the South Sandwich Islands",
    "SHN": "Saint Helena, Ascension and Tristan da Cunha", "SJM": "Svalbard and Jan Mayen",
    "SLB": "Solomon Islands", "SLE": "Sierra Leone", "SLV": "El Salvador", "SMR": "San Marino",
    "SOM": "Somalia", "SPM": "Saint Pierre and Miquelon", "SRB": "Serbia", "SSD": "South Sudan",
    "STP": "Sao Tome and Principe", "SUR": "Suriname", "SVK": "Slovakia", "SVN": "Slovenia", "SWE": "Sweden",
    "SWZ": "Eswatini", "SXM": "Sint Maarten (Dutch part)", "SYC": "Seychelles",
    "SYR": "Syrian Arab Republic", "TCA": "Turks and Caicos Islands", "TCD": "Chad", "TGO": "Togo",
    "THA": "Thailand", "TJK": "Tajikistan", "TKL": "Tokelau", "TKM": "Turkmenistan", "TLS": "Timor-Leste",
    "TON": "Tonga", "TTO": "Trinidad and Tobago", "TUN": "Tunisia", "TUR": "Türkiye", "TUV": "Tuvalu",
    "TWN": "Taiwan, Province of China", "TZA": "Tanzania, United Republic of", "UGA": "Uganda",
    "UKR": "Ukraine", "UMI": "United States Minor Outlying Islands", "URY": "Uruguay",
    "USA": "United States of America", "UZB": "Uzbekistan", "VAT": "Holy See (Vatican City State)",
    "VCT": "Saint Vincent and the Grenadines", "VEN": "Venezuela", "VGB": "Virgin Islands (British)",
    "VIR": "Virgin Islands (U.S.)", "VNM": "Viet Nam", "VUT": "Vanuatu", "WLF": "Wallis and Futuna",
    "WSM": "Samoa", "YEM": "Yemen", "ZAF": "South Africa", "ZMB": "Zambia", "ZWE": "Zimbabwe",
}

# Codes of Doc 9303 Part 3 that are not ISO 3166-1 alpha-3 (or that ICAO uses instead of one).
ICAO_CODES: dict[str, str] = {
    "D": "Germany",
    "GBD": "British Overseas Territories Citizen",
    "GBN": "British National (Overseas)",
    "GBO": "British Overseas Citizen",
    "GBP": "British Protected Person",
    "GBS": "British Subject",
    "UNO": "United Nations Organization or one of its officials",
    "UNA": "Specialized agency of the United Nations or one of its officials",
    "UNK": "Resident of Kosovo to whom a travel document has been issued by the United Nations Interim "
           "Administration Mission in Kosovo (UNMIK)",
    "XXA": "Stateless person, as defined in Article 1 of the 1954 Convention relating to the Status of "
           "Stateless Persons",
    "XXB": "Refugee, as defined in Article 1 of the 1951 Convention relating to the Status of Refugees as "
           "amended by the 1967 Protocol",
    "XXC": "Refugee, other than as defined under the code XXB",
    "XXX": "Person of unspecified nationality",
    "EUE": "European Union",
    "XBA": "African Development Bank",
    "XIM": "African Export-Import Bank",
    "XCC": "Caribbean Community or one of its emissaries",
    "XCE": "Council of Europe",
    "XCO": "Common Market for Eastern and Southern Africa",
    "XDC": "Southern African Development Community",
    "XEC": "Economic Community of West African States",
    "XES": "Organisation of Eastern Caribbean States",
    "XMP": "Parliamentary Assembly of the Mediterranean",
    "XOM": "Sovereign Military Order of Malta or one of its emissaries",
    "XPO": "International Criminal Police Organization (INTERPOL)",
    "RKS": "Kosovo",
    "ZIM": "Zimbabwe (former code, still found on documents)",
    "UTO": "Utopia (ICAO specimen state)",
    "ANT": "Netherlands Antilles (former code)",
    "NTZ": "Neutral Zone (former code)",
}
# Doc 9303 writes Germany as D, never DEU: a zone with DEU does not conform, so DEU is left out.
MRZ_CODES: dict[str, str] = {
    **{code: name for code, name in ISO_3166_ALPHA_3.items() if code != "DEU"}, **ICAO_CODES,
}

# Another spelling of a nationality -> its one code. ZIM is Zimbabwe's former code, still found on documents.
NATIONALITY_ALIASES: dict[str, str] = {"D": "DEU", "XKX": "RKS", "ZIM": "ZWE"}

NATIONALITY_CODES: frozenset[str] = frozenset(ISO_3166_ALPHA_3.keys() | ICAO_CODES.keys()) - NATIONALITY_ALIASES.keys()


def nationality_code(code: str | None) -> str | None:
    """The one code of a nationality written as a code or an alias (`D`, `d<<`, `XKX`); None when unknown."""
    if not isinstance(code, str):
        return None
    text = code.strip().upper().replace("<", "")
    text = NATIONALITY_ALIASES.get(text, text)
    return text if text in NATIONALITY_CODES else None


def state_name(code: str | None) -> str | None:
    """The name of a state or nationality code or alias, or None when unknown."""
    if code in MRZ_CODES:
        return MRZ_CODES[code]
    canonical = nationality_code(code)
    return ISO_3166_ALPHA_3.get(canonical) or ICAO_CODES.get(canonical) if canonical else None
