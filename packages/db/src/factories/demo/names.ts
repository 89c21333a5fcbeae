import type { Trade } from "../catalog";

// Word lists for believable demo names. Nothing here is real data.

export const COMPANY_PREFIXES = [
  "Summit",
  "Blue Ridge",
  "Lakeside",
  "Patriot",
  "Evergreen",
  "Ironwood",
  "Northstar",
  "Cornerstone",
  "Red Rock",
  "Prairie",
  "Harbor",
  "Keystone",
  "Silver Creek",
  "Pioneer",
  "Heartland",
  "Coastal",
  "Mountain View",
  "Oak Hill",
  "Liberty",
  "Riverbend",
  "Granite",
  "Sunrise",
  "Cardinal",
  "Main Street",
  "Hometown",
  "Precision",
  "Reliable",
  "All Pro",
  "Elite",
  "Family",
] as const;

export const TRADE_WORDS: Record<Trade, readonly string[]> = {
  plumbing: ["Plumbing", "Plumbing & Drain", "Rooter", "Plumbing & Sewer", "Pipe Works"],
  electrical: ["Electric", "Electrical Services", "Power & Light", "Electric Co", "Wiring Pros"],
  hvac: ["Heating & Air", "HVAC", "Comfort Systems", "Air Conditioning", "Climate Control"],
};

export const COMPANY_SUFFIXES = ["", "", "", " Co", " Inc", " LLC", " Services", " & Sons", " Pros"] as const;

export const FIRST_NAMES = [
  "James",
  "Mary",
  "Robert",
  "Patricia",
  "John",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Carlos",
  "Karen",
  "Daniel",
  "Lisa",
  "Matthew",
  "Nancy",
  "Anthony",
  "Maria",
  "Mark",
  "Sandra",
  "Luis",
  "Ashley",
  "Kevin",
  "Emily",
  "Brian",
  "Priya",
  "Jose",
  "Angela",
  "Tyler",
  "Wei",
  "Andre",
  "Fatima",
] as const;

export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Gonzalez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Perez",
  "Thompson",
  "White",
  "Harris",
  "Sanchez",
  "Clark",
  "Ramirez",
  "Lewis",
  "Robinson",
  "Walker",
  "Nguyen",
  "Patel",
  "Kim",
  "Okafor",
  "Schultz",
] as const;

export const STREETS = [
  "Oak St",
  "Maple Ave",
  "Cedar Ln",
  "Elm St",
  "Pine Rd",
  "Washington Blvd",
  "Lakeview Dr",
  "Park Ave",
  "Hillcrest Rd",
  "Sunset Blvd",
] as const;

export const LEAD_DESCRIPTIONS: Record<Trade, readonly string[]> = {
  plumbing: [
    "Kitchen sink draining slowly",
    "No hot water since this morning",
    "Water stain spreading on the ceiling",
    "Old galvanized pipes, want a quote to replace",
    "Sewage smell in the basement",
  ],
  electrical: [
    "Breaker keeps tripping",
    "Want to upgrade to a 200A panel",
    "Need a Level 2 charger in the garage",
    "Recessed lighting for the living room",
    "Standby generator quote",
  ],
  hvac: [
    "AC blowing warm air",
    "Furnace is 20 years old, want a replacement",
    "Interested in a heat pump",
    "Dusty vents, allergies getting worse",
    "Annual tune-up before summer",
  ],
};

export const ATTRIBUTION_CHANNELS: Record<string, readonly (readonly [string, number])[]> = {
  web: [
    ["google_ads", 5],
    ["organic", 3],
    ["facebook_ads", 2],
  ],
  phone: [
    ["google_lsa", 5],
    ["yelp", 2],
    ["direct", 3],
  ],
  marketplace: [
    ["angi", 4],
    ["thumbtack", 3],
    ["homeadvisor", 3],
  ],
  import: [
    ["referral", 5],
    ["csv_import", 5],
  ],
};

export const DISPUTE_NOTES: Record<string, string> = {
  duplicate: "Same homeowner already sent this request earlier this week.",
  outside_service_area: "Job address is outside our service area.",
  wrong_job_type: "Customer needs a roofer, not us.",
  invalid_contact: "Phone number disconnected and the email bounced.",
  competitor_test: "Caller was a competitor checking our prices.",
  other: "Customer says they never requested a quote.",
};

export const INCIDENT_TITLES = [
  "Leads not arriving from marketplace",
  "QuickBooks sync failing",
  "Invoices not sending to customers",
  "Technicians cannot sign in",
  "Calendar sync creating duplicate jobs",
  "API returning 500 errors",
  "Slow lead inbox",
  "Payment page error",
] as const;

export const NOTE_BODIES = [
  "Kickoff call went well; owner wants dispatch board live before the busy season.",
  "Owner asked about adding two technicians next month.",
  "Discussed dispute volume; most disputes are out-of-area leads. Suggested tightening ZIPs.",
  "Billing contact changed; updated card on file.",
  "Quarterly review: lead-to-job conversion up, wants more water heater leads.",
  "Complained about slow lead inbox during the outage; followed up with incident summary.",
  "Interested in the Pro plan for QuickBooks sync.",
  "Seasonal slowdown expected; keep an eye on usage.",
] as const;

export const NPS_COMMENTS = {
  promoter: ["Leads are solid and the dispatch board saves us hours.", "Great support team.", "Worth every penny."],
  passive: ["Works fine, a bit pricey.", "Good leads, app can be slow.", ""],
  detractor: ["Too many junk leads.", "Disputes take too long.", "Billing mistakes two months in a row."],
} as const;
