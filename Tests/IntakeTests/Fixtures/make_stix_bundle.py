"""Writes stix-bundle.json: a partner's STIX 2.1 bundle built with the OASIS `stix2` library.

The intake tests submit it to POST /v1/stix, proving bundles from a real STIX producer map to
referrals. Run `pip install stix2 && python3 make_stix_bundle.py` to regenerate (ids and
timestamps change; the tests only rely on the content below).
"""
import json
import pathlib

import stix2
from stix2.properties import StringProperty


@stix2.CustomObservable("x-occ-phone-number", [("value", StringProperty(required=True))], id_contrib_props=["value"])
class PhoneNumber:
    pass


@stix2.CustomObservable(
    "x-occ-bank-account",
    [("sort_code", StringProperty()), ("account_number", StringProperty()), ("iban", StringProperty())],
    id_contrib_props=["sort_code", "account_number", "iban"],
)
class BankAccount:
    pass


identity = stix2.Identity(name="Example Telecom plc", identity_class="organization", sectors=["telecommunications"])
phishing_url = stix2.Indicator(
    name="Smishing landing page",
    pattern="[url:value = 'https://parcel-redelivery.example.net/pay']",
    pattern_type="stix",
    valid_from="2026-03-01T00:00:00Z",
    created_by_ref=identity,
)
phone = PhoneNumber(value="07700 900123")
account = BankAccount(sort_code="12-34-56", account_number="98765432")
domain = stix2.DomainName(value="parcel-redelivery.example.net")
observed = stix2.ObservedData(
    first_observed="2026-03-01T08:00:00Z",
    last_observed="2026-03-03T18:00:00Z",
    number_observed=412,
    object_refs=[phone, account, domain],
    created_by_ref=identity,
    allow_custom=True,
)
report = stix2.Report(
    name="Parcel redelivery smishing campaign",
    description="SMS campaign impersonating a parcel carrier; victims pay a redelivery fee into a mule account.",
    published="2026-03-04T09:00:00Z",
    report_types=["campaign"],
    object_refs=[phishing_url, observed, identity],
    object_marking_refs=[stix2.TLP_AMBER],
    created_by_ref=identity,
    allow_custom=True,
    x_occ_partner_reference="TEL-STIX-0001",
    x_occ_crime_type="fraud.phishing",
    x_occ_gateway="cca_2013_s7",
    x_occ_source_evaluation=1,
    x_occ_intelligence_assessment="B",
    x_occ_handling_code="P",
    x_occ_victims={"count": 412, "vulnerable": False},
    x_occ_loss={"amount": "1236.00", "currency": "GBP"},
)
bundle = stix2.Bundle(identity, phishing_url, observed, phone, account, domain, report, stix2.TLP_AMBER, allow_custom=True)
path = pathlib.Path(__file__).with_name("stix-bundle.json")
path.write_text(json.dumps(json.loads(bundle.serialize()), indent=2) + "\n")
print(f"wrote {path}")
