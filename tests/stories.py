"""Short test articles written for dragoman's tests, in our own words, about real public events."""

from fakesite import Story

STORIES = [
    Story("brussels-agreement", "Belgrade and Pristina initial first agreement on normalisation", "2013-04-20", [
        "Serbian Prime Minister Ivica Dacic and Kosovo Prime Minister Hashim Thaci initialled the First Agreement "
        "of Principles Governing the Normalisation of Relations in Brussels on Friday.",
        "The talks were facilitated by the European Union's foreign policy chief Catherine Ashton, who had hosted "
        "ten rounds of meetings between the two prime ministers since October 2012.",
        "The agreement provides for an association of Serb-majority municipalities in Kosovo and for the "
        "integration of police and judicial structures in the north into Kosovo's institutions.",
        "Kosovo declared independence from Serbia in 2008. Serbia does not recognise it.",
    ]),
    Story("dialogue-opens", "EU-facilitated dialogue between Belgrade and Pristina opens in Brussels", "2011-03-09", [
        "Delegations from Belgrade and Pristina met in Brussels on Tuesday for the first round of a dialogue "
        "facilitated by the European Union.",
        "The talks were chaired by the EU facilitator Robert Cooper. The Serbian delegation was led by Borislav "
        "Stefanovic and the Kosovo delegation by Edita Tahiri.",
        "The first round dealt with practical questions such as regional cooperation, freedom of movement and "
        "the rule of law. The UN General Assembly had welcomed the EU's readiness to facilitate such a dialogue "
        "in September 2010.",
    ]),
    Story("ohrid-annex", "Vucic and Kurti agree implementation annex in Ohrid", "2023-03-19", [
        "Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti met in Ohrid, North Macedonia, "
        "on Saturday for talks hosted by EU foreign policy chief Josep Borrell.",
        "The two sides agreed on an implementation annex to the Agreement on the path to normalisation between "
        "Kosovo and Serbia, which had been discussed in Brussels on 27 February.",
        "Neither leader signed the documents. The EU said the commitments would become part of the two sides' "
        "accession processes.",
    ]),
    Story("dinar-rule", "Kosovo central bank rule on the dinar takes effect", "2024-02-01", [
        "A regulation of the Central Bank of Kosovo making the euro the only currency for cash transactions "
        "took effect on Thursday.",
        "Serbia criticised the rule, which affects Serb communities that receive salaries and pensions from "
        "Belgrade in dinars. The European Union and the United States urged Pristina to delay its "
        "implementation.",
        "The issue was discussed at an extraordinary meeting of the dialogue in Brussels later in February.",
    ]),
    Story("plates-deal", "Belgrade and Pristina reach deal on licence plates", "2022-11-24", [
        "Serbia and Kosovo reached an agreement on Wednesday night to end a dispute over vehicle licence plates, "
        "the EU's foreign policy chief Josep Borrell announced.",
        "Under the deal, Serbia will stop issuing plates with the names of Kosovo towns and Kosovo will stop "
        "further steps on the re-registration of vehicles.",
        "Kosovo Serb officials had left Kosovo's institutions earlier in November in protest against the "
        "plate rules.",
    ]),
]
