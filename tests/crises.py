"""Short dated updates about four crises that run at the same time and are told in the same words
(protesters, security forces, the president, the opposition), written for dragoman's tests in our own
words. Dates are arranged so that the crises overlap, as in a real feed; what tells them apart is where
they happen and who is involved. Used to check that story clustering keeps concurrent crises apart."""

CRISES: dict[str, list[tuple[str, str]]] = {
    "tunisia": [
        ("2011-01-02", "Protests over unemployment spread from Sidi Bouzid to other Tunisian towns after a young "
                       "street vendor set himself on fire. Police fire tear gas at protesters."),
        ("2011-01-06", "Tunisian lawyers go on strike in support of the protesters. Security forces arrest "
                       "bloggers and rappers who criticised President Zine El Abidine Ben Ali."),
        ("2011-01-10", "Clashes between protesters and police in Kasserine and Thala leave several people dead. "
                       "Ben Ali calls the unrest terrorism and promises new jobs."),
        ("2011-01-13", "Ben Ali says in a television address that he will not stand again in 2014 and orders "
                       "police to stop firing on protesters in Tunis."),
        ("2011-01-14", "Ben Ali flees Tunisia for Saudi Arabia after 23 years in power. Prime Minister Mohamed "
                       "Ghannouchi says he has taken over as interim president."),
        ("2011-01-17", "A national unity government is announced in Tunis, but protesters demand that ministers "
                       "from Ben Ali's party leave it."),
        ("2011-01-27", "Ghannouchi reshuffles the Tunisian cabinet and removes most ministers of the old ruling "
                       "party after days of protests outside his office in the Kasbah."),
        ("2011-02-27", "Ghannouchi resigns after protesters clash with police in Tunis; Beji Caid Essebsi is "
                       "named prime minister."),
        ("2011-03-09", "A Tunisian court dissolves Ben Ali's former ruling party, the Constitutional Democratic "
                       "Rally, and orders its assets seized."),
        ("2011-03-22", "Tunisia's interim authorities set a date for the election of a constituent assembly that "
                       "will write a new constitution."),
    ],
    "bahrain": [
        ("2011-01-30", "Bahraini activists call for a day of rage on 14 February to demand political reform "
                       "from the ruling Al Khalifa family in Manama."),
        ("2011-02-14", "Thousands of protesters march in villages around Manama. Bahraini police fire tear gas "
                       "and rubber bullets; one protester is killed."),
        ("2011-02-17", "Riot police storm the Pearl Roundabout in Manama before dawn, killing several protesters "
                       "camped there. The army deploys tanks in the Bahraini capital."),
        ("2011-02-19", "Bahrain's security forces withdraw from the Pearl Roundabout and protesters reoccupy it; "
                       "the crown prince offers a national dialogue."),
        ("2011-02-22", "Tens of thousands join an opposition march in Manama, the largest protest in Bahrain's "
                       "history. King Hamad orders the release of political prisoners."),
        ("2011-03-14", "Saudi troops and police from the United Arab Emirates cross the causeway into Bahrain "
                       "at the request of the Manama government."),
        ("2011-03-15", "King Hamad declares a three-month state of emergency in Bahrain. The opposition Wefaq "
                       "society calls the Saudi deployment an occupation."),
        ("2011-03-16", "Bahraini security forces clear the Pearl Roundabout with tanks and helicopters; several "
                       "protesters and police officers are killed."),
        ("2011-03-18", "The Bahraini authorities demolish the monument at the Pearl Roundabout, the symbol of the "
                       "protest movement."),
        ("2011-04-28", "A Bahraini military court sentences four protesters to death for the killing of two "
                       "policemen in Manama in March."),
    ],
    "ivory_coast": [
        ("2011-01-04", "African Union and West African envoys fail in Abidjan to persuade Laurent Gbagbo to hand "
                       "power to Alassane Ouattara, recognised as the winner of the Ivorian election."),
        ("2011-01-12", "Security forces loyal to Gbagbo clash with Ouattara supporters in the Abobo district of "
                       "Abidjan; several policemen are killed."),
        ("2011-01-24", "Ouattara calls for a general strike in Ivory Coast to force Gbagbo out; the Ivorian "
                       "central bank governor resigns."),
        ("2011-02-24", "Fighting between Gbagbo's forces and rebels breaks out in the west of Ivory Coast as "
                       "thousands flee to Liberia."),
        ("2011-03-03", "Security forces open fire on a women's march for Ouattara in Abobo, killing seven "
                       "protesters, witnesses in Abidjan say."),
        ("2011-03-17", "Shelling of a market in Abobo kills about 25 people; the UN mission in Ivory Coast "
                       "blames forces loyal to Gbagbo."),
        ("2011-03-30", "Ouattara's Republican Forces take Yamoussoukro, the Ivorian political capital, and "
                       "advance towards Abidjan."),
        ("2011-04-04", "French and UN helicopters fire on Gbagbo's heavy weapons in Abidjan after attacks on "
                       "civilians and the UN headquarters."),
        ("2011-04-11", "Gbagbo is arrested at the presidential residence in Abidjan by Ouattara's forces with "
                       "French support, ending four months of crisis in Ivory Coast."),
        ("2011-05-21", "Ouattara is sworn in as president of Ivory Coast at a ceremony in Yamoussoukro attended "
                       "by African leaders."),
    ],
    "kyrgyzstan": [
        ("2011-01-08", "Opposition protesters rally in Bishkek against rising utility prices and the rule of "
                       "Kyrgyz President Kurmanbek Bakiyev."),
        ("2011-01-21", "Kyrgyz police arrest opposition leaders in Bishkek ahead of a planned protest; the "
                       "opposition says the arrests show the president fears his own people."),
        ("2011-02-07", "Protesters seize the regional government building in Talas in northwest Kyrgyzstan and "
                       "briefly hold the governor."),
        ("2011-02-08", "Thousands of protesters storm the presidential office in Bishkek; security forces fire "
                       "on the crowd and dozens are killed. Bakiyev flees the Kyrgyz capital."),
        ("2011-02-09", "Roza Otunbayeva heads an interim government in Kyrgyzstan and says Bakiyev must resign; "
                       "looting continues in Bishkek."),
        ("2011-02-15", "Bakiyev resigns and leaves Kyrgyzstan for Kazakhstan; the interim government promises "
                       "a referendum on a new constitution."),
        ("2011-03-11", "Clashes between ethnic Kyrgyz and Uzbeks break out in Osh in southern Kyrgyzstan; the "
                       "interim government declares a state of emergency."),
        ("2011-03-14", "Tens of thousands of Uzbeks flee the violence in Osh and Jalal-Abad towards the border "
                       "with Uzbekistan."),
        ("2011-03-27", "Voters in Kyrgyzstan approve a new constitution in a referendum, making the country a "
                       "parliamentary republic; Otunbayeva stays as interim president."),
        ("2011-04-10", "Parliamentary elections are held in Kyrgyzstan; five parties win seats and coalition "
                       "talks begin in Bishkek."),
    ],
}


def crisis_stream() -> list[tuple[str, str, str]]:
    """(crisis, date, text) of every update, interleaved by date as a feed would bring them."""
    return sorted(((name, day, text) for name, ups in CRISES.items() for day, text in ups),
                  key=lambda x: (x[1], x[0]))
