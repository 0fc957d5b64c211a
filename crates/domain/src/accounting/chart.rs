//! The chart of accounts: the *plan comptable associatif* in its 2025
//! numbering, that is the general chart (PCG, règlement ANC 2014-03 as amended
//! by ANC 2022-06, for years opened from 1 January 2025) with the accounts
//! specific to associations of règlement ANC 2018-06 as amended.
//!
//! The list holds what a French association may need, not the whole PCG:
//! accounts for share capital, dividends, fiducies, crypto-assets (*jetons*),
//! employee profit-sharing or mergers are left out. An association creates its
//! own sub-accounts (a `512` per bank account, a `741` per funder) by adding
//! digits; every function here works on such codes through their prefix.
//!
//! Decisions where the texts leave room:
//! - **Provisions for charges.** The 2025 PCG gathers them under `152`
//!   (`1521`…`1527`), but the association plan gives `152` to *provisions pour
//!   charges sur legs ou donations*; the other provisions for charges keep the
//!   numbers the 2018 association plan used (`153`, `155`, `158`).
//! - **Exceptional result.** The 2025 PCG keeps only `672`/`678` and `772`/`778`
//!   (major and unusual events); `671`/`771` and their sub-accounts are gone and
//!   [`to_2025`] moves them to the account of their nature where there is one.
//! - **Postable accounts** have at least three digits (the FEC requires it).
//!   Two-digit codes are headings; where the regulation has a two-digit account
//!   with no subdivision that a small association posts to, the chart adds the
//!   `0` sub-account: `370` stocks de marchandises, `730` concours publics.
//! - **Our own sub-accounts**, not in the regulation, kept because the short
//!   chart of a small association needs them: `4718` (operations waiting to be
//!   classified), `5115` (card and online payments not yet on the bank
//!   account) and `28181`…`28184` (depreciation beside `2181`…`2184`).
//!
//! Only the `favourite` accounts, the short chart a small association uses and
//! the simple mode shows first, carry a help text in plain French.

/// One account of the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartAccount {
    /// Digits only, sorted as strings: `"10"`, `"102"`, `"1021"`, `"103"`…
    pub code: &'static str,
    /// The regulation's label, in French.
    pub label: &'static str,
    /// Part of the short chart shown first in the simple mode.
    pub favourite: bool,
    /// A sentence of plain French for the simple mode; `""` when none.
    pub help: &'static str,
}

impl ChartAccount {
    /// Where the account sits in the annual statements (see [`position`]).
    pub fn position(&self) -> Option<Position> {
        position(self.code)
    }

    /// What the account is for in the simple mode (see [`kind`]).
    pub fn kind(&self) -> Kind {
        kind(self.code)
    }
}

const fn acc(code: &'static str, label: &'static str) -> ChartAccount {
    ChartAccount { code, label, favourite: false, help: "" }
}

const fn fav(code: &'static str, label: &'static str, help: &'static str) -> ChartAccount {
    ChartAccount { code, label, favourite: true, help }
}

/// The *plan comptable associatif*, 2025 numbering, sorted by code as strings
/// (which is the PCG's order); codes are unique.
pub static PCA_2025: &[ChartAccount] = &[
    acc("10", "Fonds propres et réserves"),
    fav(
        "102",
        "Fonds propres sans droit de reprise",
        "Le patrimoine de départ de l'association et ce qu'on lui a apporté définitivement.",
    ),
    acc("1021", "Première situation nette établie"),
    acc("1022", "Fonds statutaires"),
    acc("1023", "Dotations non consomptibles"),
    acc("10231", "Dotations non consomptibles initiales"),
    acc("10232", "Dotations non consomptibles complémentaires"),
    acc("1024", "Autres fonds propres sans droit de reprise"),
    acc("103", "Fonds propres avec droit de reprise"),
    acc("1032", "Fonds statutaires avec droit de reprise"),
    acc("1034", "Autres fonds propres avec droit de reprise"),
    acc("105", "Écarts de réévaluation"),
    acc("1051", "Écarts de réévaluation sur des biens sans droit de reprise"),
    acc("1052", "Écarts de réévaluation sur des biens avec droit de reprise"),
    acc("106", "Réserves"),
    acc("1062", "Réserves indisponibles"),
    acc("1063", "Réserves statutaires ou contractuelles"),
    acc("1064", "Réserves réglementées"),
    fav(
        "1068",
        "Réserves pour projet de l'entité",
        "Excédents des années passées mis de côté par l'assemblée générale pour un projet.",
    ),
    acc("108", "Dotations consomptibles"),
    acc("1081", "Dotations consomptibles"),
    acc("1089", "Dotations consomptibles inscrites au compte de résultat"),
    acc("11", "Report à nouveau"),
    fav(
        "110",
        "Report à nouveau (solde créditeur)",
        "Excédents des années passées que l'assemblée générale n'a pas affectés.",
    ),
    fav("119", "Report à nouveau (solde débiteur)", "Déficits des années passées pas encore compensés."),
    acc("12", "Résultat de l'exercice"),
    fav(
        "120",
        "Résultat de l'exercice (excédent)",
        "L'excédent de l'année, en attendant que l'assemblée générale l'affecte.",
    ),
    fav(
        "129",
        "Résultat de l'exercice (déficit)",
        "Le déficit de l'année, en attendant que l'assemblée générale l'affecte.",
    ),
    acc("13", "Subventions d'investissement"),
    fav(
        "131",
        "Subventions d'investissement octroyées",
        "Subvention reçue pour acheter un bien durable (matériel, travaux, véhicule).",
    ),
    fav(
        "139",
        "Subventions d'investissement inscrites au compte de résultat",
        "Part de la subvention d'investissement déjà passée en produit, au rythme de l'amortissement du bien.",
    ),
    acc("14", "Provisions réglementées"),
    acc("145", "Amortissements dérogatoires"),
    acc("148", "Autres provisions réglementées"),
    acc("15", "Provisions"),
    acc("151", "Provisions pour risques"),
    acc("1511", "Provisions pour litiges"),
    acc("1514", "Provisions pour amendes et pénalités"),
    acc("1518", "Autres provisions pour risques"),
    acc("152", "Provisions pour charges sur legs ou donations"),
    acc("153", "Provisions pour pensions et obligations similaires"),
    acc("155", "Provisions pour impôts"),
    acc("158", "Autres provisions pour charges"),
    acc("16", "Emprunts et dettes assimilées"),
    acc("163", "Autres emprunts obligataires"),
    acc("1631", "Titres associatifs et assimilés"),
    fav("164", "Emprunts auprès des établissements de crédit", "Ce qui reste à rembourser sur un prêt bancaire."),
    acc("1648", "Intérêts courus sur emprunts auprès des établissements de crédit"),
    acc("165", "Dépôts et cautionnements reçus"),
    acc("1651", "Dépôts"),
    acc("1655", "Cautionnements"),
    acc("167", "Emprunts et dettes assortis de conditions particulières"),
    acc("1674", "Avances conditionnées de l'État"),
    acc("1675", "Emprunts participatifs"),
    acc("168", "Autres emprunts et dettes assimilées"),
    acc("1681", "Autres emprunts"),
    acc("1687", "Autres dettes"),
    acc("1688", "Intérêts courus sur autres emprunts et dettes assimilées"),
    acc("18", "Comptes de liaison des établissements"),
    acc("181", "Comptes de liaison des établissements"),
    acc("186", "Biens et prestations de services échangés entre établissements (charges)"),
    acc("187", "Biens et prestations de services échangés entre établissements (produits)"),
    acc("19", "Fonds dédiés ou reportés"),
    acc("191", "Fonds reportés liés aux legs ou donations"),
    acc("1911", "Legs ou donations"),
    acc("1912", "Donations temporaires d'usufruit"),
    fav(
        "194",
        "Fonds dédiés sur subventions d'exploitation",
        "Part d'une subvention affectée à un projet, pas encore dépensée à la clôture.",
    ),
    acc("195", "Fonds dédiés sur contributions financières d'autres organismes"),
    fav(
        "196",
        "Fonds dédiés sur ressources liées à la générosité du public",
        "Part des dons reçus pour un projet précis, pas encore dépensée à la clôture.",
    ),
    acc("20", "Immobilisations incorporelles"),
    acc("201", "Frais d'établissement"),
    acc("203", "Frais de recherche et de développement"),
    acc("204", "Donations temporaires d'usufruit"),
    acc(
        "205",
        "Concessions et droits similaires, brevets, licences, marques, procédés, solutions informatiques, droits et valeurs similaires",
    ),
    acc("206", "Droit au bail"),
    acc("207", "Fonds commercial"),
    acc("208", "Autres immobilisations incorporelles"),
    acc("21", "Immobilisations corporelles"),
    acc("211", "Terrains"),
    acc("212", "Agencements et aménagements de terrains"),
    acc("213", "Constructions"),
    acc("2131", "Bâtiments"),
    acc("2135", "Installations générales, agencements, aménagements des constructions"),
    acc("214", "Constructions sur sol d'autrui"),
    acc("215", "Installations techniques, matériels et outillage industriels"),
    acc("2154", "Matériel industriel"),
    acc("2155", "Outillage industriel"),
    acc("218", "Autres immobilisations corporelles"),
    acc("2181", "Installations générales, agencements, aménagements divers"),
    acc("2182", "Matériel de transport"),
    fav(
        "2183",
        "Matériel de bureau et matériel informatique",
        "Ordinateurs, imprimantes, téléphones… gardés plusieurs années (en général au-delà de 500 € HT pièce).",
    ),
    fav("2184", "Mobilier", "Tables, chaises, armoires… gardées plusieurs années."),
    acc("2185", "Cheptel"),
    acc("23", "Immobilisations en cours"),
    acc("231", "Immobilisations corporelles en cours"),
    acc("232", "Immobilisations incorporelles en cours"),
    acc("238", "Avances et acomptes versés sur immobilisations corporelles"),
    acc("24", "Biens reçus par legs ou donations destinés à être cédés"),
    acc("26", "Participations et créances rattachées à des participations"),
    acc("261", "Titres de participation"),
    acc("266", "Autres formes de participation"),
    acc("267", "Créances rattachées à des participations"),
    acc("269", "Versements restant à effectuer sur titres de participation non libérés"),
    acc("27", "Autres immobilisations financières"),
    acc("271", "Titres immobilisés (droit de propriété)"),
    acc("272", "Titres immobilisés (droit de créance)"),
    acc("274", "Prêts"),
    acc("2742", "Prêts aux partenaires"),
    acc("2743", "Prêts au personnel"),
    acc("2748", "Autres prêts"),
    fav(
        "275",
        "Dépôts et cautionnements versés",
        "Caution versée pour un local, un véhicule ou du matériel, récupérable à la fin.",
    ),
    acc("2751", "Dépôts"),
    acc("2755", "Cautionnements"),
    acc("276", "Autres créances immobilisées"),
    acc("2761", "Créances diverses"),
    acc("2768", "Intérêts courus"),
    acc("28", "Amortissements des immobilisations"),
    acc("280", "Amortissements des immobilisations incorporelles"),
    acc("2801", "Amortissements des frais d'établissement"),
    acc("2803", "Amortissements des frais de recherche et de développement"),
    acc("2804", "Amortissements des donations temporaires d'usufruit"),
    acc(
        "2805",
        "Amortissements des concessions et droits similaires, brevets, licences, solutions informatiques, droits et valeurs similaires",
    ),
    acc("2806", "Amortissements du droit au bail"),
    acc("2807", "Amortissements du fonds commercial"),
    acc("2808", "Amortissements des autres immobilisations incorporelles"),
    acc("281", "Amortissements des immobilisations corporelles"),
    acc("2812", "Amortissements des agencements et aménagements de terrains"),
    acc("2813", "Amortissements des constructions"),
    acc("2814", "Amortissements des constructions sur sol d'autrui"),
    acc("2815", "Amortissements des installations techniques, matériels et outillage industriels"),
    acc("2818", "Amortissements des autres immobilisations corporelles"),
    acc("28181", "Amortissements des installations générales, agencements, aménagements divers"),
    acc("28182", "Amortissements du matériel de transport"),
    fav(
        "28183",
        "Amortissements du matériel de bureau et matériel informatique",
        "Usure cumulée du matériel informatique (par exemple sur trois ans).",
    ),
    fav("28184", "Amortissements du mobilier", "Usure cumulée du mobilier (par exemple sur cinq à dix ans)."),
    acc("29", "Dépréciations des immobilisations"),
    acc("290", "Dépréciations des immobilisations incorporelles"),
    acc("2905", "Dépréciations des marques, procédés, droits et valeurs similaires"),
    acc("2906", "Dépréciations du droit au bail"),
    acc("2907", "Dépréciations du fonds commercial"),
    acc("2908", "Dépréciations des autres immobilisations incorporelles"),
    acc("291", "Dépréciations des immobilisations corporelles"),
    acc("2911", "Dépréciations des terrains"),
    acc("293", "Dépréciations des immobilisations en cours"),
    acc("2931", "Dépréciations des immobilisations corporelles en cours"),
    acc("2932", "Dépréciations des immobilisations incorporelles en cours"),
    acc("294", "Dépréciations des biens reçus par legs ou donations destinés à être cédés"),
    acc("296", "Dépréciations des participations et créances rattachées à des participations"),
    acc("2961", "Dépréciations des titres de participation"),
    acc("2967", "Dépréciations des créances rattachées à des participations"),
    acc("297", "Dépréciations des autres immobilisations financières"),
    acc("2971", "Dépréciations des titres immobilisés (droit de propriété)"),
    acc("2972", "Dépréciations des titres immobilisés (droit de créance)"),
    acc("2974", "Dépréciations des prêts"),
    acc("2975", "Dépréciations des dépôts et cautionnements versés"),
    acc("2976", "Dépréciations des autres créances immobilisées"),
    acc("31", "Matières premières et fournitures"),
    acc("32", "Autres approvisionnements"),
    acc("321", "Matières consommables"),
    acc("322", "Fournitures consommables"),
    acc("326", "Emballages"),
    acc("33", "En-cours de production de biens"),
    acc("331", "Produits en cours"),
    acc("335", "Travaux en cours"),
    acc("34", "En-cours de production de services"),
    acc("341", "Études en cours"),
    acc("345", "Prestations de services en cours"),
    acc("35", "Stocks de produits"),
    acc("351", "Produits intermédiaires"),
    acc("355", "Produits finis"),
    acc("358", "Produits résiduels ou matières de récupération"),
    acc("37", "Stocks de marchandises"),
    acc("370", "Stocks de marchandises"),
    acc("39", "Dépréciations des stocks et en-cours"),
    acc("391", "Dépréciations des matières premières et fournitures"),
    acc("392", "Dépréciations des autres approvisionnements"),
    acc("393", "Dépréciations des en-cours de production de biens"),
    acc("394", "Dépréciations des en-cours de production de services"),
    acc("395", "Dépréciations des stocks de produits"),
    acc("397", "Dépréciations des stocks de marchandises"),
    acc("40", "Fournisseurs et comptes rattachés"),
    fav("401", "Fournisseurs", "Factures reçues et pas encore payées."),
    acc("403", "Fournisseurs - Effets à payer"),
    acc("404", "Fournisseurs d'immobilisations"),
    acc("405", "Fournisseurs d'immobilisations - Effets à payer"),
    fav(
        "408",
        "Fournisseurs - Factures non parvenues",
        "Dépenses de l'année dont la facture n'est pas encore arrivée à la clôture.",
    ),
    acc("4081", "Fournisseurs - Factures non parvenues"),
    acc("4084", "Fournisseurs d'immobilisations - Factures non parvenues"),
    acc("409", "Fournisseurs débiteurs"),
    acc("4091", "Fournisseurs - Avances et acomptes versés sur commandes"),
    acc("4097", "Fournisseurs - Autres avoirs"),
    acc("4098", "Rabais, remises, ristournes à obtenir et autres avoirs non encore reçus"),
    acc("41", "Clients, adhérents, usagers et comptes rattachés"),
    fav(
        "411",
        "Clients, adhérents, usagers",
        "Sommes dues par des membres ou des usagers : cotisations, inscriptions, factures pas encore payées.",
    ),
    acc("413", "Clients, adhérents, usagers - Effets à recevoir"),
    acc("416", "Clients, adhérents, usagers douteux ou litigieux"),
    acc("418", "Clients, adhérents, usagers - Produits non encore facturés"),
    acc("4181", "Factures à établir"),
    acc("419", "Clients, adhérents, usagers créditeurs"),
    acc("4191", "Avances et acomptes reçus"),
    acc("4197", "Autres avoirs"),
    acc("4198", "Rabais, remises, ristournes à accorder et autres avoirs à établir"),
    acc("42", "Personnel et comptes rattachés"),
    fav("421", "Personnel - Rémunérations dues", "Salaires nets à verser aux salariés."),
    acc("422", "Comité social et économique"),
    acc("425", "Personnel - Avances et acomptes et autres comptes débiteurs"),
    acc("426", "Personnel - Dépôts"),
    acc("427", "Personnel - Oppositions"),
    acc("428", "Personnel - Charges à payer"),
    acc("4282", "Dettes provisionnées pour congés à payer"),
    acc("4286", "Autres charges à payer"),
    acc("43", "Sécurité sociale et autres organismes sociaux"),
    fav("431", "Sécurité sociale", "Cotisations sociales dues à l'URSSAF."),
    fav("437", "Autres organismes sociaux", "Cotisations dues aux caisses de retraite, de prévoyance, à la mutuelle…"),
    acc("438", "Organismes sociaux - Charges à payer"),
    acc("4382", "Charges sociales sur congés à payer"),
    acc("4386", "Autres charges à payer"),
    acc("439", "Organismes sociaux - Produits à recevoir"),
    acc("44", "État et autres collectivités publiques"),
    fav(
        "441",
        "État - Subventions et aides à recevoir",
        "Subventions accordées (par l'État, la région, la commune…) mais pas encore versées.",
    ),
    acc("442", "Contributions, impôts et taxes recouvrés pour le compte de l'État"),
    fav(
        "4421",
        "Prélèvements à la source (impôt sur le revenu)",
        "Impôt sur le revenu retenu sur les salaires, à reverser chaque mois.",
    ),
    acc("444", "État - Impôts sur les bénéfices"),
    acc("445", "État - Taxes sur le chiffre d'affaires"),
    acc("4452", "TVA due intracommunautaire"),
    acc("4455", "Taxes sur le chiffre d'affaires à décaisser"),
    fav(
        "44551",
        "TVA à décaisser",
        "Seulement si l'association est assujettie à la TVA : TVA à reverser au titre de la déclaration.",
    ),
    acc("44558", "Taxes assimilées à la TVA"),
    acc("4456", "Taxes sur le chiffre d'affaires déductibles"),
    acc("44562", "TVA sur immobilisations"),
    fav(
        "44566",
        "TVA sur autres biens et services",
        "Seulement si l'association est assujettie à la TVA : TVA payée sur les achats, à déduire.",
    ),
    acc("44567", "Crédit de TVA à reporter"),
    acc("44568", "Taxes assimilées à la TVA"),
    acc("4457", "Taxes sur le chiffre d'affaires collectées"),
    fav("44571", "TVA collectée", "Seulement si l'association est assujettie à la TVA : TVA facturée sur les ventes."),
    acc("445711", "TVA réduite collectée"),
    acc("445712", "TVA super-réduite collectée"),
    acc("445713", "TVA intermédiaire collectée"),
    acc("44578", "Taxes assimilées à la TVA"),
    acc("4458", "Taxes sur le chiffre d'affaires à régulariser ou en attente"),
    acc("44581", "Acomptes - Régime simplifié d'imposition"),
    acc("44583", "Remboursement de taxes sur le chiffre d'affaires demandé"),
    acc("44586", "Taxes sur le chiffre d'affaires sur factures non parvenues"),
    acc("44587", "Taxes sur le chiffre d'affaires sur factures à établir"),
    acc("447", "Autres impôts, taxes et versements assimilés"),
    acc("448", "État - Charges à payer et produits à recevoir"),
    acc("4481", "État - Charges à payer"),
    acc("44811", "Charges fiscales sur congés à payer"),
    acc("44812", "Charges à payer"),
    acc("4482", "État - Produits à recevoir"),
    acc("45", "Confédération, fédération, union, entités affiliées"),
    fav(
        "451",
        "Confédération, fédération, union, entités affiliées",
        "Sommes dues à la fédération ou par elle (licences, reversements).",
    ),
    acc("455", "Partenaires - Comptes courants"),
    acc("46", "Débiteurs divers et créditeurs divers"),
    acc("461", "Créances reçues par legs ou donations"),
    acc("462", "Créances sur cessions d'immobilisations"),
    acc("466", "Dettes des legs ou donations"),
    fav(
        "467",
        "Divers comptes débiteurs et produits à recevoir",
        "Autres sommes à recevoir ou à payer qui ne vont nulle part ailleurs.",
    ),
    acc("468", "Divers comptes créditeurs et charges à payer"),
    fav(
        "4681",
        "Frais des bénévoles",
        "Dépenses avancées par un bénévole : à rembourser, ou à transformer en don (abandon de frais).",
    ),
    acc("47", "Comptes transitoires ou d'attente"),
    acc("471", "Comptes d'attente"),
    fav("4718", "Autres comptes d'attente", "Opération qu'on ne sait pas encore classer ; à vider avant la clôture."),
    acc("472", "Comptes de transit"),
    acc("48", "Comptes de régularisation"),
    fav(
        "486",
        "Charges constatées d'avance",
        "Dépense payée cette année pour l'année suivante (par exemple une assurance).",
    ),
    fav(
        "487",
        "Produits constatés d'avance",
        "Recette encaissée cette année pour l'année suivante (par exemple les cotisations de la saison prochaine).",
    ),
    acc("49", "Dépréciations des comptes de tiers"),
    acc("491", "Dépréciations des comptes de clients, adhérents, usagers"),
    acc("496", "Dépréciations des comptes de débiteurs divers"),
    acc("50", "Valeurs mobilières de placement"),
    acc("503", "Actions"),
    acc("504", "Autres titres conférant un droit de propriété"),
    acc("506", "Obligations"),
    acc("507", "Bons du Trésor et bons de caisse à court terme"),
    acc("508", "Autres valeurs mobilières de placement et autres créances assimilées"),
    acc("5088", "Intérêts courus sur obligations, bons et valeurs assimilés"),
    acc("51", "Banques, établissements financiers et assimilés"),
    acc("511", "Valeurs à l'encaissement"),
    fav("5112", "Chèques à encaisser", "Chèques reçus et pas encore déposés à la banque."),
    fav(
        "5115",
        "Cartes bancaires à encaisser",
        "Paiements par carte ou en ligne pas encore arrivés sur le compte bancaire.",
    ),
    fav("512", "Banques", "Le compte courant et les livrets : créer un sous-compte par compte bancaire (5121, 5122…)."),
    acc("518", "Intérêts courus"),
    acc("5181", "Intérêts courus à payer"),
    acc("5188", "Intérêts courus à recevoir"),
    acc("519", "Concours bancaires courants"),
    acc("5198", "Intérêts courus sur concours bancaires courants"),
    acc("53", "Caisses"),
    fav("530", "Caisse", "Les espèces : billets et pièces de la caisse."),
    acc("58", "Virements internes"),
    fav(
        "580",
        "Virements internes",
        "Passage entre deux comptes de l'association (banque vers caisse, compte vers livret…).",
    ),
    acc("59", "Dépréciations des comptes financiers"),
    acc("590", "Dépréciations des valeurs mobilières de placement"),
    acc("60", "Achats"),
    fav(
        "601",
        "Achats stockés - Matières premières et fournitures",
        "Matières achetées pour être transformées et gardées en stock.",
    ),
    fav("602", "Achats stockés - Autres approvisionnements", "Fournitures achetées et gardées en stock."),
    acc("6021", "Matières consommables"),
    acc("6022", "Fournitures consommables"),
    acc("6026", "Emballages"),
    acc("603", "Variation des stocks d'approvisionnements et de marchandises"),
    acc("6031", "Variation des stocks de matières premières et fournitures"),
    acc("6032", "Variation des stocks des autres approvisionnements"),
    acc("6037", "Variation des stocks de marchandises"),
    fav(
        "604",
        "Achats d'études et prestations de services",
        "Intervenants, animateurs, formateurs facturant une prestation liée aux activités.",
    ),
    acc("605", "Achats de matériel, équipements et travaux"),
    acc("606", "Achats non stockés de matières et fournitures"),
    fav("6061", "Fournitures non stockables (eau, énergie)", "Eau, électricité, gaz, chauffage, carburant."),
    fav(
        "6063",
        "Fournitures d'entretien et de petit équipement",
        "Produits d'entretien et petit matériel de faible valeur.",
    ),
    fav("6064", "Fournitures administratives", "Papeterie, enveloppes, cartouches d'encre."),
    fav("6068", "Autres matières et fournitures", "Autres petits achats consommés tout de suite."),
    fav("607", "Achats de marchandises", "Ce qu'on achète pour le revendre tel quel (buvette, boutique)."),
    acc("608", "Frais accessoires d'achat"),
    acc("609", "Rabais, remises et ristournes obtenus sur achats"),
    acc("61", "Services extérieurs"),
    acc("611", "Sous-traitance générale"),
    acc("612", "Redevances de crédit-bail"),
    acc("6122", "Crédit-bail mobilier"),
    acc("6125", "Crédit-bail immobilier"),
    acc("613", "Locations"),
    fav("6132", "Locations immobilières", "Loyer d'un local, location d'une salle."),
    fav("6135", "Locations mobilières", "Location de matériel, de véhicule, de sono…"),
    fav("614", "Charges locatives et de copropriété", "Charges payées en plus du loyer."),
    fav(
        "615",
        "Entretien et réparations",
        "Réparations, entretien des locaux et du matériel, contrats de maintenance.",
    ),
    acc("6152", "Entretien et réparations sur biens immobiliers"),
    acc("6155", "Entretien et réparations sur biens mobiliers"),
    acc("6156", "Maintenance"),
    fav("616", "Primes d'assurances", "Assurance responsabilité civile, multirisque, véhicules."),
    acc("6161", "Multirisques"),
    acc("6164", "Risques d'exploitation"),
    acc("6165", "Insolvabilité clients"),
    acc("617", "Études et recherches"),
    acc("618", "Divers"),
    acc("6181", "Documentation générale"),
    acc("6183", "Documentation technique"),
    acc("6185", "Frais de colloques, séminaires, conférences"),
    acc("619", "Rabais, remises et ristournes obtenus sur services extérieurs"),
    acc("62", "Autres services extérieurs"),
    acc("621", "Personnel extérieur à l'entité"),
    acc("6211", "Personnel intérimaire"),
    acc("6214", "Personnel détaché ou prêté à l'entité"),
    acc("622", "Rémunérations d'intermédiaires et honoraires"),
    acc("6221", "Commissions et courtages sur achats"),
    acc("6222", "Commissions et courtages sur ventes"),
    fav("6226", "Honoraires", "Expert-comptable, commissaire aux comptes, avocat."),
    acc("62264", "Honoraires sur legs ou donations destinés à être cédés"),
    acc("6227", "Frais d'actes et de contentieux"),
    acc("6228", "Divers"),
    fav("623", "Publicité, publications, relations publiques", "Affiches, flyers, site web, bulletin, cadeaux."),
    acc("6231", "Annonces et insertions"),
    acc("6233", "Foires et expositions"),
    acc("6234", "Cadeaux"),
    acc("6236", "Catalogues et imprimés"),
    acc("6237", "Publications"),
    acc("6238", "Divers (pourboires, dons courants)"),
    acc("624", "Transports de biens et transports collectifs du personnel"),
    acc("6241", "Transports sur achats"),
    acc("6242", "Transports sur ventes"),
    acc("6247", "Transports collectifs du personnel"),
    acc("6248", "Divers"),
    acc("625", "Déplacements, missions et réceptions"),
    fav("6251", "Voyages et déplacements", "Billets de train, essence, péages, indemnités kilométriques."),
    acc("6255", "Frais de déménagement"),
    fav("6256", "Missions", "Repas et hébergement lors des déplacements."),
    fav("6257", "Réceptions", "Pots, repas de l'assemblée générale, accueil d'invités."),
    fav("626", "Frais postaux et de télécommunications", "Timbres, téléphone, internet, hébergement du site."),
    fav(
        "627",
        "Services bancaires et assimilés",
        "Frais de tenue de compte, commissions sur paiements par carte ou en ligne.",
    ),
    acc("628", "Divers"),
    fav(
        "6281",
        "Concours divers (cotisations…)",
        "Cotisations versées à une fédération, une union ou un réseau (anciennement 6586).",
    ),
    acc("6284", "Frais de recrutement de personnel"),
    acc("629", "Rabais, remises et ristournes obtenus sur autres services extérieurs"),
    acc("63", "Impôts, taxes et versements assimilés"),
    acc("631", "Impôts, taxes et versements assimilés sur rémunérations (administration des impôts)"),
    acc("6311", "Taxe sur les salaires"),
    acc("633", "Impôts, taxes et versements assimilés sur rémunérations (autres organismes)"),
    acc("6331", "Versement de transport"),
    acc("6332", "Allocations logement"),
    acc("6333", "Contribution unique des employeurs à la formation professionnelle"),
    acc("6334", "Participation des employeurs à l'effort de construction"),
    acc("6338", "Autres"),
    acc("635", "Autres impôts, taxes et versements assimilés (administration des impôts)"),
    acc("6351", "Impôts directs (sauf impôts sur les bénéfices)"),
    acc("63511", "Contribution économique territoriale"),
    acc("63512", "Taxes foncières"),
    acc("63513", "Autres impôts locaux"),
    acc("6353", "Impôts indirects"),
    acc("6354", "Droits d'enregistrement et de timbre"),
    acc("63541", "Droits de mutation"),
    acc("6358", "Autres droits"),
    acc("637", "Autres impôts, taxes et versements assimilés (autres organismes)"),
    acc("6378", "Taxes diverses"),
    acc("638", "Rappels d'impôts (autres qu'impôts sur les bénéfices)"),
    acc("64", "Charges de personnel"),
    fav("641", "Rémunérations du personnel", "Salaires bruts, primes, indemnités des salariés."),
    acc("6411", "Salaires, appointements"),
    acc("6412", "Congés payés"),
    acc("6413", "Primes et gratifications"),
    acc("6414", "Indemnités et avantages divers"),
    acc("6415", "Supplément familial"),
    fav(
        "645",
        "Cotisations de sécurité sociale et de prévoyance",
        "Cotisations sociales patronales (URSSAF, retraite, prévoyance, mutuelle).",
    ),
    acc("6451", "Cotisations à l'URSSAF"),
    acc("6452", "Cotisations aux mutuelles"),
    acc("6453", "Cotisations aux caisses de retraite"),
    acc("6454", "Cotisations à France Travail"),
    acc("6458", "Cotisations aux autres organismes sociaux"),
    acc("647", "Autres cotisations sociales"),
    acc("6471", "Prestations directes"),
    acc("6472", "Versements au comité social et économique"),
    acc("6474", "Versements aux autres œuvres sociales"),
    acc("6475", "Médecine du travail, pharmacie"),
    acc("648", "Autres charges de personnel"),
    acc("649", "Remboursements de charges de personnel"),
    acc("65", "Autres charges de gestion courante"),
    acc(
        "651",
        "Redevances pour concessions, brevets, licences, marques, procédés, solutions informatiques, droits et valeurs similaires",
    ),
    acc("6511", "Redevances pour concessions, brevets, licences, marques, procédés, solutions informatiques"),
    fav(
        "6516",
        "Droits d'auteur et de reproduction",
        "SACEM, SACD et autres droits pour la musique ou les spectacles.",
    ),
    acc("6518", "Autres droits et valeurs similaires"),
    acc("652", "Valeurs comptables des immobilisations incorporelles et corporelles cédées"),
    acc("6521", "Valeurs comptables des immobilisations reçues par legs ou donations cédées"),
    acc("653", "Charges de la générosité du public"),
    acc("6531", "Autres charges sur legs ou donations"),
    fav("654", "Pertes sur créances irrécouvrables", "Sommes dues qu'on sait ne jamais pouvoir récupérer."),
    acc("6541", "Créances de l'exercice"),
    acc("6544", "Créances des exercices antérieurs"),
    acc("656", "Pertes de change sur créances et dettes commerciales"),
    acc("657", "Aides financières"),
    fav(
        "6571",
        "Aides financières octroyées",
        "Bourses, secours et aides en argent versés à des personnes ou à d'autres associations.",
    ),
    acc("6572", "Quotes-parts de générosité reversées"),
    acc("6573", "Apports ou affectations en numéraire"),
    acc("658", "Pénalités et autres charges"),
    acc("6581", "Pénalités sur marchés (et dédits payés sur achats et ventes)"),
    acc("6582", "Pénalités, amendes fiscales et pénales"),
    acc("6584", "Lots"),
    acc("66", "Charges financières"),
    acc("661", "Charges d'intérêts"),
    acc("6611", "Intérêts des emprunts et dettes"),
    acc("6615", "Intérêts des comptes courants et des dépôts créditeurs"),
    fav("6616", "Intérêts bancaires et sur opérations de financement", "Agios et intérêts d'un découvert."),
    acc("6618", "Intérêts des autres dettes"),
    acc("665", "Escomptes accordés"),
    acc("666", "Pertes de change financières"),
    acc("667", "Charges sur cession d'éléments financiers"),
    acc("6671", "Valeurs comptables des immobilisations financières cédées"),
    acc("6673", "Charges nettes sur cessions de valeurs mobilières de placement"),
    acc("668", "Autres charges financières"),
    acc("67", "Charges exceptionnelles"),
    acc("672", "Charges sur exercices antérieurs"),
    fav(
        "678",
        "Autres charges exceptionnelles",
        "Seulement pour un événement majeur et inhabituel (sinistre, litige hors norme).",
    ),
    acc("68", "Dotations aux amortissements, aux dépréciations et aux provisions"),
    acc("681", "Dotations aux amortissements, aux dépréciations et aux provisions (charges d'exploitation)"),
    fav(
        "6811",
        "Dotations aux amortissements des immobilisations incorporelles et corporelles",
        "Usure de l'année des biens durables, passée à la clôture.",
    ),
    acc("68111", "Immobilisations incorporelles et frais d'établissement"),
    acc("68112", "Immobilisations corporelles"),
    acc("6815", "Dotations aux provisions d'exploitation"),
    acc("6816", "Dotations pour dépréciations des immobilisations incorporelles et corporelles"),
    acc("68164", "Dotations pour dépréciations des biens reçus par legs ou donations destinés à être cédés"),
    acc("6817", "Dotations pour dépréciations des actifs circulants"),
    acc("68173", "Stocks et en-cours"),
    acc("68174", "Créances"),
    acc("686", "Dotations aux amortissements, aux dépréciations et aux provisions (charges financières)"),
    acc("6865", "Dotations aux provisions financières"),
    acc("6866", "Dotations pour dépréciations des éléments financiers"),
    acc("687", "Dotations aux amortissements, aux dépréciations et aux provisions (charges exceptionnelles)"),
    acc("6875", "Dotations aux provisions exceptionnelles"),
    acc("6876", "Dotations pour dépréciations exceptionnelles"),
    acc("689", "Reports en fonds dédiés"),
    acc("6891", "Reports en fonds reportés"),
    fav(
        "6894",
        "Reports en fonds dédiés sur subventions d'exploitation",
        "À la clôture, met de côté la part d'une subvention affectée pas encore utilisée.",
    ),
    acc("6895", "Reports en fonds dédiés sur contributions financières d'autres organismes"),
    fav(
        "6896",
        "Reports en fonds dédiés sur ressources liées à la générosité du public",
        "À la clôture, met de côté la part des dons affectés pas encore utilisée.",
    ),
    acc("69", "Impôts sur les bénéfices"),
    acc("695", "Impôts sur les bénéfices"),
    acc("6951", "Impôts dus en France"),
    acc("70", "Ventes de produits fabriqués, prestations de services, marchandises"),
    acc("701", "Ventes de produits finis"),
    acc("704", "Travaux"),
    acc("705", "Études"),
    fav("706", "Prestations de services", "Participations aux activités, inscriptions, stages, séjours, billetterie."),
    fav("7063", "Parrainages", "Somme versée par une entreprise contre de la visibilité (contrepartie publicitaire)."),
    fav("707", "Ventes de marchandises", "Ventes de la buvette, de la boutique, d'objets achetés pour être revendus."),
    fav("7073", "Ventes de dons en nature", "Revente d'objets reçus en don (vide-grenier, brocante solidaire)."),
    fav(
        "708",
        "Produits des activités annexes",
        "Autres recettes liées aux activités : refacturations, frais de port…",
    ),
    acc("7081", "Produits des services exploités dans l'intérêt du personnel"),
    acc("7082", "Commissions et courtages"),
    fav("7083", "Locations diverses", "Location de la salle ou du matériel de l'association à d'autres."),
    acc("7084", "Mise à disposition de personnel facturée"),
    acc("7085", "Ports et frais accessoires facturés"),
    acc("7088", "Autres produits d'activités annexes"),
    acc("709", "Rabais, remises et ristournes accordés"),
    acc("7096", "Rabais, remises et ristournes accordés sur prestations de services"),
    acc("7097", "Rabais, remises et ristournes accordés sur ventes de marchandises"),
    acc("7098", "Rabais, remises et ristournes accordés sur produits des activités annexes"),
    acc("71", "Production stockée (ou déstockage)"),
    acc("713", "Variation des stocks (en-cours de production, produits)"),
    acc("7133", "Variation des en-cours de production de biens"),
    acc("7134", "Variation des en-cours de production de services"),
    acc("7135", "Variation des stocks de produits"),
    acc("72", "Production immobilisée"),
    acc("721", "Immobilisations incorporelles"),
    acc("722", "Immobilisations corporelles"),
    acc("73", "Concours publics"),
    acc("730", "Concours publics"),
    acc("74", "Subventions"),
    fav(
        "741",
        "Subventions d'exploitation",
        "Subventions de fonctionnement (État, région, commune, CAF…) : un sous-compte par financeur.",
    ),
    acc("742", "Subventions d'équilibre"),
    acc("747", "Quote-part des subventions d'investissement virée au résultat de l'exercice"),
    acc("75", "Autres produits de gestion courante"),
    acc(
        "751",
        "Redevances pour concessions, brevets, licences, marques, procédés, solutions informatiques, droits et valeurs similaires",
    ),
    acc("7511", "Redevances pour concessions, brevets, licences, marques, procédés, solutions informatiques"),
    acc("7516", "Droits d'auteur et de reproduction"),
    acc("7518", "Autres droits et valeurs similaires"),
    acc("752", "Revenus des immeubles non affectés aux activités"),
    acc("754", "Ressources liées à la générosité du public"),
    acc("7541", "Dons manuels"),
    fav("75411", "Dons manuels", "Dons en argent de particuliers ou d'entreprises, sans contrepartie."),
    fav(
        "75412",
        "Abandons de frais par les bénévoles",
        "Frais avancés par un bénévole qui renonce à leur remboursement (peut ouvrir droit à un reçu fiscal).",
    ),
    acc("75413", "Abandons exprès de revenus ou de produits"),
    fav("7542", "Mécénat", "Dons d'entreprises, sans contrepartie significative."),
    fav(
        "7543",
        "Legs, donations et assurances-vie",
        "Biens ou sommes transmis par testament, acte notarié ou assurance-vie.",
    ),
    acc("75431", "Assurances-vie"),
    acc("75432", "Legs ou donations"),
    acc("75433", "Autres produits sur legs ou donations"),
    acc("755", "Contributions financières"),
    acc("7551", "Contributions financières d'autres organismes"),
    acc("7552", "Quotes-parts de générosité reçues"),
    fav("756", "Cotisations", "Cotisations des membres."),
    fav("7561", "Cotisations sans contrepartie", "Cotisation qui donne seulement le droit d'être membre."),
    fav("7562", "Cotisations avec contrepartie", "Cotisation qui donne droit à un service (cours, accès, revue…)."),
    acc("757", "Produits des cessions d'immobilisations incorporelles et corporelles"),
    acc("7571", "Produits des cessions d'immobilisations reçues par legs ou donations"),
    acc("758", "Indemnités et autres produits"),
    acc("7581", "Dédits et pénalités perçus sur achats et ventes"),
    acc("7583", "Rentrées sur créances amorties"),
    acc("7584", "Dégrèvements d'impôts autres qu'impôts sur les bénéfices"),
    acc("7586", "Lots"),
    fav("7587", "Indemnités d'assurance", "Remboursement par l'assurance après un sinistre."),
    acc("76", "Produits financiers"),
    acc("761", "Produits de participations"),
    acc("762", "Produits des autres immobilisations financières"),
    acc("763", "Revenus des autres créances"),
    acc("764", "Revenus des valeurs mobilières de placement"),
    acc("765", "Escomptes obtenus"),
    acc("766", "Gains de change financiers"),
    acc("767", "Produits sur cession d'éléments financiers"),
    acc("7671", "Produits des cessions d'immobilisations financières"),
    acc("7673", "Produits nets sur cessions de valeurs mobilières de placement"),
    fav("768", "Autres produits financiers", "Intérêts des livrets et des comptes d'épargne."),
    acc("77", "Produits exceptionnels"),
    acc("772", "Produits sur exercices antérieurs"),
    acc("778", "Autres produits exceptionnels"),
    acc("78", "Reprises sur amortissements, dépréciations et provisions"),
    acc("781", "Reprises sur amortissements, dépréciations et provisions (produits d'exploitation)"),
    acc("7811", "Reprises sur amortissements des immobilisations incorporelles et corporelles"),
    acc("7815", "Reprises sur provisions d'exploitation"),
    acc("7816", "Reprises sur dépréciations des immobilisations incorporelles et corporelles"),
    acc("78164", "Reprises sur dépréciations des biens reçus par legs ou donations destinés à être cédés"),
    acc("7817", "Reprises sur dépréciations des actifs circulants"),
    acc("786", "Reprises sur dépréciations et provisions (produits financiers)"),
    acc("7865", "Reprises sur provisions financières"),
    acc("7866", "Reprises sur dépréciations des éléments financiers"),
    acc("787", "Reprises sur dépréciations et provisions (produits exceptionnels)"),
    acc("7875", "Reprises sur provisions exceptionnelles"),
    acc("7876", "Reprises sur dépréciations exceptionnelles"),
    acc("789", "Utilisations de fonds reportés et de fonds dédiés"),
    acc("7891", "Utilisations de fonds reportés"),
    fav(
        "7894",
        "Utilisations des fonds dédiés sur subventions d'exploitation",
        "Reprise, l'année où elle est dépensée, de la part d'une subvention mise de côté.",
    ),
    acc("7895", "Utilisations des fonds dédiés sur contributions financières d'autres organismes"),
    fav(
        "7896",
        "Utilisations des fonds dédiés sur ressources liées à la générosité du public",
        "Reprise, l'année où ils sont dépensés, des dons affectés mis de côté.",
    ),
    acc("86", "Emplois des contributions volontaires en nature"),
    fav("860", "Secours en nature", "Valeur des biens distribués gratuitement (nourriture, vêtements…)."),
    fav(
        "861",
        "Mises à disposition gratuites de biens",
        "Valeur d'un local ou de matériel prêté gratuitement à l'association.",
    ),
    fav(
        "8611",
        "Mises à disposition gratuites de locaux",
        "Valeur locative d'une salle ou d'un local prêté gratuitement (par la commune par exemple).",
    ),
    fav("8612", "Mises à disposition gratuites de matériels", "Valeur de location du matériel prêté gratuitement."),
    fav(
        "862",
        "Prestations",
        "Valeur des services rendus gratuitement à l'association par une entreprise ou un professionnel.",
    ),
    fav("864", "Personnel bénévole", "Valeur du temps donné par les bénévoles (heures × taux horaire)."),
    acc("87", "Contributions volontaires en nature"),
    fav("870", "Dons en nature", "Valeur des biens reçus gratuitement."),
    fav("871", "Prestations en nature", "Valeur des services reçus gratuitement."),
    fav("875", "Bénévolat", "Valeur du temps donné par les bénévoles."),
];

/// The longest account code accepted (the association's sub-accounts included).
pub const MAX_CODE_LEN: usize = 10;

/// Whether `code` can be an account: 2 to [`MAX_CODE_LEN`] ASCII digits, the
/// first one a class from 1 to 8. Two-digit codes are headings; see
/// [`is_postable`] for the accounts that take entries.
pub fn is_valid_code(code: &str) -> bool {
    (2..=MAX_CODE_LEN).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_digit())
        && (b'1'..=b'8').contains(&code.as_bytes()[0])
}

/// Whether entries may be written to `code`: a valid code of at least three
/// digits (the PCG's accounts proper, and what the FEC requires).
pub fn is_postable(code: &str) -> bool {
    is_valid_code(code) && code.len() >= 3
}

/// The class of a valid code: its first digit (1 capitaux … 8 comptes spéciaux).
pub fn class(code: &str) -> Option<u8> {
    is_valid_code(code).then(|| code.as_bytes()[0] - b'0')
}

/// The account with exactly this code.
pub fn find(code: &str) -> Option<&'static ChartAccount> {
    PCA_2025.binary_search_by(|a| a.code.cmp(code)).ok().map(|i| &PCA_2025[i])
}

/// The account a code belongs to: the longest strict prefix of `code` that is
/// in the chart (`5121` → `512`, `512` → `51`, `10` → none).
pub fn parent(code: &str) -> Option<&'static ChartAccount> {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    (2..code.len()).rev().find_map(|len| find(&code[..len]))
}

/// The short chart, in code order.
pub fn favourites() -> impl Iterator<Item = &'static ChartAccount> {
    PCA_2025.iter().filter(|a| a.favourite)
}

/// Where an account's balance goes in the annual statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// Bilan, actif (depreciation accounts `28`, `29`, `39`, `49`, `59` too:
    /// they are deducted from the assets they correct).
    Asset,
    /// Bilan, passif.
    Liability,
    /// Bilan, on the side its balance says: a bank account can be overdrawn, a
    /// supplier can owe the association.
    AssetOrLiability,
    /// Compte de résultat, charges.
    Expense,
    /// Compte de résultat, produits.
    Income,
    /// `86`, emplois des contributions volontaires en nature: shown at the foot
    /// of the compte de résultat, on the charges side; always equal to the `87`.
    InKindUse,
    /// `87`, contributions volontaires en nature: shown at the foot of the
    /// compte de résultat, on the produits side.
    InKindResource,
}

impl Position {
    /// In the bilan (classes 1 to 5).
    pub fn in_balance_sheet(self) -> bool {
        matches!(self, Position::Asset | Position::Liability | Position::AssetOrLiability)
    }

    /// Below the compte de résultat, not in its result (class 8, `86` and `87`).
    pub fn in_kind(self) -> bool {
        matches!(self, Position::InKindUse | Position::InKindResource)
    }
}

/// Where a code's balance goes, from its class and prefix, so the
/// association's own sub-accounts (`5121`, `7411`) follow their parent. `None`
/// for an invalid code and for class 8 outside `86` and `87`.
pub fn position(code: &str) -> Option<Position> {
    use Position::*;
    if !is_valid_code(code) {
        return None;
    }
    let has = |prefix: &str| code.starts_with(prefix);
    Some(match code.as_bytes()[0] {
        b'1' => Liability,
        b'2' | b'3' => Asset,
        b'4' if has("486") || has("476") || has("49") => Asset,
        b'4' if has("487") || has("477") => Liability,
        b'4' => AssetOrLiability,
        b'5' if has("519") => Liability,
        b'5' if has("511") || has("50") || has("53") || has("54") || has("59") => Asset,
        b'5' => AssetOrLiability,
        b'6' => Expense,
        b'7' => Income,
        _ if has("86") => InKindUse,
        _ if has("87") => InKindResource,
        _ => return None,
    })
}

/// What an account is for in the simple mode, where people pick "the bank",
/// "the cash box", "an expense" rather than an account number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Money at a bank or a similar body: `511` (cheques and card payments on
    /// their way to the bank, `5112`, `5115`) to `517` (other financial bodies,
    /// where online payment platforms' balances go).
    Bank,
    /// Notes and coins: `53`, and `54` régies d'avances (cash advanced to a
    /// person for small expenses).
    Cash,
    /// Suppliers, members, staff, social bodies, the State, the federation,
    /// volunteers' expenses: `40` to `47`.
    ThirdParty,
    Income,
    Expense,
    /// `86`: how the contributions in kind were used.
    InKindUse,
    /// `87`: the contributions in kind received (goods, services, volunteering).
    InKindResource,
    /// Class 1: fonds propres, results, subsidies for investment, provisions,
    /// loans, dedicated funds.
    Capital,
    /// Everything else: fixed assets, stocks, accruals (`48`), depreciation,
    /// investments, interest accrued (`518`), overdraft facilities (`519`),
    /// internal transfers (`58`), and invalid codes.
    Other,
}

/// The simple-mode kind of a code, by prefix (sub-accounts follow their parent).
pub fn kind(code: &str) -> Kind {
    if !is_valid_code(code) {
        return Kind::Other;
    }
    let has = |prefix: &str| code.starts_with(prefix);
    match code.as_bytes()[0] {
        b'1' => Kind::Capital,
        b'4' if !has("48") && !has("49") => Kind::ThirdParty,
        b'5' if has("518") || has("519") => Kind::Other,
        b'5' if has("51") => Kind::Bank,
        b'5' if has("53") || has("54") => Kind::Cash,
        b'6' => Kind::Expense,
        b'7' => Kind::Income,
        b'8' if has("86") => Kind::InKindUse,
        b'8' if has("87") => Kind::InKindResource,
        _ => Kind::Other,
    }
}

/// The numbering a set of accounts was kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartVersion {
    /// Règlement CRC 99-01 (years before 2020).
    Pca1999,
    /// Règlement ANC 2018-06 on the PCG of 2014 (years opened 2020 to 2024).
    Pca2018,
    /// ANC 2018-06 on the PCG as amended by ANC 2022-06 (years opened from 2025).
    Pca2025,
}

/// A code moved to the 2025 numbering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renumbered {
    pub code: String,
    /// A message key (one of [`NOTE_KEYS`]) when the person importing should
    /// look at the result: the move is a guess, or the account's meaning
    /// changed. `None` when the move is certain or nothing moved.
    pub note: Option<&'static str>,
}

/// 1999 `870` bénévolat and `875` dons en nature swapped places in 2018; the
/// amounts were moved (budgets on Cerfa forms may use either numbering).
pub const NOTE_IN_KIND_SWAPPED: &str = "chart-note-in-kind-swapped";
/// 1999 `197` fonds dédiés sur legs et donations affectés went to `196`; it is
/// `191` fonds reportés when the legacy is not yet realised.
pub const NOTE_DEDICATED_LEGACIES: &str = "chart-note-dedicated-legacies";
/// The account has no equivalent any more: classify its amounts by hand.
pub const NOTE_NO_EQUIVALENT: &str = "chart-note-no-equivalent";
/// `740`/`748` subsidies went to `741`; a subvention d'équilibre goes to `742`.
pub const NOTE_SUBSIDY: &str = "chart-note-subsidy";
/// `79` transferts de charges were abolished in 2025: a refund credits the
/// expense account it refunds.
pub const NOTE_TRANSFERS_ABOLISHED: &str = "chart-note-transfers-abolished";
/// Since 2025 the exceptional result holds only major and unusual events:
/// anything else goes to the account of its nature.
pub const NOTE_EXCEPTIONAL_NARROWED: &str = "chart-note-exceptional-narrowed";
/// `652` was not a 2018 account (some software used it for federation
/// licences): moved to `6281`, since `652` now holds disposed fixed assets.
pub const NOTE_LICENCES: &str = "chart-note-licences";
/// `757` gains de change of the 2018 association plan has no 2025 account
/// (`757` now holds the proceeds of disposed fixed assets): moved to `758`.
pub const NOTE_EXCHANGE_GAINS: &str = "chart-note-exchange-gains";
/// The sub-accounts of `658`/`758` were given regulatory meanings in 2025
/// (`6584` lots, `7581` dédits…): check the association's own ones.
pub const NOTE_REORGANISED: &str = "chart-note-reorganised";
/// The renumbered code would be longer than [`MAX_CODE_LEN`]: it was kept.
pub const NOTE_TOO_LONG: &str = "chart-note-too-long";

/// Every note [`to_2025`] may give, for the translations to cover.
pub const NOTE_KEYS: &[&str] = &[
    NOTE_IN_KIND_SWAPPED,
    NOTE_DEDICATED_LEGACIES,
    NOTE_NO_EQUIVALENT,
    NOTE_SUBSIDY,
    NOTE_TRANSFERS_ABOLISHED,
    NOTE_EXCEPTIONAL_NARROWED,
    NOTE_LICENCES,
    NOTE_EXCHANGE_GAINS,
    NOTE_REORGANISED,
    NOTE_TOO_LONG,
];

/// One renumbering rule: `from` becomes `to`, and its sub-accounts keep their
/// extra digits under `under` (usually `to`).
struct Move {
    from: &'static str,
    to: &'static str,
    under: &'static str,
    note: Option<&'static str>,
}

const fn mv(from: &'static str, to: &'static str) -> Move {
    Move { from, to, under: to, note: None }
}

const fn mv_note(from: &'static str, to: &'static str, note: &'static str) -> Move {
    Move { from, to, under: to, note: Some(note) }
}

/// CRC 99-01 → ANC 2018-06.
const FROM_1999: &[Move] = &[
    mv_note("870", "875", NOTE_IN_KIND_SWAPPED),
    mv_note("875", "870", NOTE_IN_KIND_SWAPPED),
    // Collectes became dons manuels; the association's own sub-accounts of 754
    // go under 75411 so that none lands on 75412 abandons de frais.
    Move { from: "754", to: "7541", under: "75411", note: None },
    // Fonds dédiés: 194 subventions kept its number; dons manuels (195) and
    // legs (197) are ressources liées à la générosité du public (196).
    mv("195", "196"),
    mv_note("197", "196", NOTE_DEDICATED_LEGACIES),
    mv_note("198", "198", NOTE_NO_EQUIVALENT),
    mv_note("199", "199", NOTE_NO_EQUIVALENT),
    mv("6895", "6896"),
    mv_note("6897", "6896", NOTE_DEDICATED_LEGACIES),
    mv("7895", "7896"),
    mv_note("7897", "7896", NOTE_DEDICATED_LEGACIES),
    // Legs et donations en cours de réalisation: removed in 2018.
    mv_note("475", "475", NOTE_NO_EQUIVALENT),
];

/// ANC 2018-06 on the 2014 PCG → the 2025 numbering.
const FROM_2018: &[Move] = &[
    // Charges à payer and produits à recevoir regrouped in 2025.
    mv("4287", "425"),
    mv("4387", "439"),
    mv("4482", "44811"),
    mv("4486", "44812"),
    mv("4487", "4482"),
    mv("4686", "468"),
    mv("4687", "467"),
    mv_note("652", "6281", NOTE_LICENCES),
    mv_note("658", "658", NOTE_REORGANISED),
    mv("6586", "6281"),
    mv_note("670", "678", NOTE_EXCEPTIONAL_NARROWED),
    mv_note("671", "678", NOTE_EXCEPTIONAL_NARROWED),
    mv("6711", "6581"),
    mv("6712", "6582"),
    mv_note("6713", "678", NOTE_EXCEPTIONAL_NARROWED),
    mv("6714", "654"),
    mv("6717", "638"),
    mv_note("6718", "678", NOTE_EXCEPTIONAL_NARROWED),
    mv("673", "6573"),
    mv("675", "652"),
    mv("6751", "652"),
    mv("6752", "652"),
    mv("6754", "6521"),
    mv("6756", "6671"),
    mv("6758", "652"),
    mv_note("678", "678", NOTE_EXCEPTIONAL_NARROWED),
    mv_note("740", "741", NOTE_SUBSIDY),
    mv_note("748", "741", NOTE_SUBSIDY),
    mv_note("753", "753", NOTE_NO_EQUIVALENT),
    mv_note("757", "758", NOTE_EXCHANGE_GAINS),
    mv("7571", "7571"),
    mv_note("758", "758", NOTE_REORGANISED),
    mv("7587", "7587"),
    mv_note("770", "778", NOTE_EXCEPTIONAL_NARROWED),
    mv_note("771", "778", NOTE_EXCEPTIONAL_NARROWED),
    mv("7711", "7581"),
    mv_note("7713", "778", NOTE_EXCEPTIONAL_NARROWED),
    mv("7714", "7583"),
    mv("7715", "742"),
    mv("7717", "7584"),
    mv_note("7718", "778", NOTE_EXCEPTIONAL_NARROWED),
    mv("775", "757"),
    mv("7751", "757"),
    mv("7752", "757"),
    mv("7754", "7571"),
    mv("7756", "7671"),
    mv("7758", "757"),
    mv("777", "747"),
    mv_note("778", "778", NOTE_EXCEPTIONAL_NARROWED),
    mv_note("79", "79", NOTE_TRANSFERS_ABOLISHED),
];

/// Moves a code of older books to the 2025 numbering, for imports. A 1999 code
/// goes through 2018 first. The most specific rule wins (`6754` before `675`),
/// and sub-accounts follow their parent: `67301` becomes `657301`. A code that
/// is not valid, or that no rule touches, comes back unchanged.
///
/// The traps handled: `870` bénévolat and `875` dons en nature swapped between
/// 1999 and 2018; `754` collectes → `7541` dons manuels; the 1999 fonds dédiés
/// (`195`, `197`, `6895`, `6897`, `7895`, `7897`) → générosité du public
/// (`196`, `6896`, `7896`); in 2025 `6586` → `6281`, `673` → `6573`, `675` →
/// `652`, `6754` → `6521`, `775` → `757`, `7754` → `7571`, `777` → `747`,
/// `740` → `741`, `671`/`771` to the account of their nature or `678`/`778`,
/// and `79` transferts de charges kept with a note, since they must be undone.
pub fn to_2025(code: &str, from: ChartVersion) -> Renumbered {
    match from {
        ChartVersion::Pca2025 => unchanged(code),
        ChartVersion::Pca2018 => step(code, FROM_2018),
        ChartVersion::Pca1999 => {
            let first = step(code, FROM_1999);
            let second = step(&first.code, FROM_2018);
            Renumbered { code: second.code, note: first.note.or(second.note) }
        }
    }
}

fn unchanged(code: &str) -> Renumbered {
    Renumbered { code: code.to_string(), note: None }
}

fn step(code: &str, moves: &[Move]) -> Renumbered {
    if !is_valid_code(code) {
        return unchanged(code);
    }
    let Some(rule) = moves.iter().filter(|m| code.starts_with(m.from)).max_by_key(|m| m.from.len()) else {
        return unchanged(code);
    };
    let rest = &code[rule.from.len()..];
    let moved = if rest.is_empty() { rule.to.to_string() } else { format!("{}{rest}", rule.under) };
    if moved.len() > MAX_CODE_LEN {
        return Renumbered { code: code.to_string(), note: Some(NOTE_TOO_LONG) };
    }
    Renumbered { code: moved, note: rule.note }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short chart of a small association (reference notes, §1.4).
    const SHORT_CHART: &[&str] = &[
        "102", "1068", "110", "119", "120", "129", "131", "139", "164", "194", "196", "2183", "2184", "28183", "28184",
        "275", "401", "408", "411", "421", "431", "437", "4421", "441", "44551", "44566", "44571", "451", "4681",
        "467", "4718", "486", "487", "5112", "5115", "512", "530", "580", "601", "602", "604", "6061", "6063", "6064",
        "6068", "607", "6132", "6135", "614", "615", "616", "6226", "623", "6251", "6256", "6257", "626", "627",
        "6281", "641", "645", "6516", "654", "6571", "6616", "678", "6811", "6894", "6896", "706", "7063", "707",
        "7073", "708", "7083", "741", "75411", "75412", "7542", "7543", "756", "7561", "7562", "768", "7587", "7894",
        "7896", "860", "861", "8611", "8612", "862", "864", "870", "871", "875",
    ];

    fn moved(code: &str, from: ChartVersion) -> (String, Option<&'static str>) {
        let r = to_2025(code, from);
        (r.code, r.note)
    }

    #[test]
    fn the_chart_is_sorted_unique_and_well_formed() {
        for pair in PCA_2025.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} then {}", pair[0].code, pair[1].code);
        }
        for a in PCA_2025 {
            assert!(is_valid_code(a.code), "{}", a.code);
            assert!(!a.label.is_empty() && a.label.trim() == a.label, "{}", a.code);
            assert_eq!(a.favourite, !a.help.is_empty(), "help for favourites only: {}", a.code);
            assert_eq!(find(a.code), Some(a));
            assert!(a.position().is_some(), "{}", a.code);
            if a.code.len() > 2 {
                let up = parent(a.code).map(|p| p.code);
                assert_eq!(up, Some(&a.code[..a.code.len() - 1]), "every level has its heading: {}", a.code);
            }
        }
        assert!((450..=600).contains(&PCA_2025.len()), "{} accounts", PCA_2025.len());
    }

    #[test]
    fn the_short_chart_is_there_and_favourite() {
        for code in SHORT_CHART {
            let a = find(code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(a.favourite, "{code} not favourite");
        }
        assert_eq!(favourites().count(), SHORT_CHART.len(), "no other favourite");
    }

    #[test]
    fn contributions_in_kind_have_their_2018_numbers() {
        for code in ["86", "860", "861", "8611", "8612", "862", "864", "87", "870", "871", "875"] {
            assert!(find(code).is_some(), "{code}");
        }
        assert_eq!(find("870").unwrap().label, "Dons en nature");
        assert_eq!(find("871").unwrap().label, "Prestations en nature");
        assert_eq!(find("875").unwrap().label, "Bénévolat");
        assert_eq!(find("864").unwrap().label, "Personnel bénévole");
    }

    #[test]
    fn the_2025_renumbering_is_in_the_chart() {
        for code in ["6281", "6573", "652", "6521", "757", "7571", "747", "741", "742", "730", "4681", "75413"] {
            assert!(find(code).is_some(), "{code}");
        }
        for gone in ["6586", "673", "675", "775", "777", "791", "671", "771", "740", "5121"] {
            assert!(find(gone).is_none(), "{gone}");
        }
    }

    #[test]
    fn codes() {
        assert!(is_valid_code("10") && is_valid_code("512") && is_valid_code("8611") && is_valid_code("5121000001"));
        for bad in ["", "1", "5", "512a", " 512", "01", "90", "91234", "51210000012", "５１２", "-512"] {
            assert!(!is_valid_code(bad), "{bad:?}");
        }
        assert!(is_postable("512") && is_postable("75411") && !is_postable("51") && !is_postable("x12"));
        assert_eq!(class("4681"), Some(4));
        assert_eq!(class("875"), Some(8));
        assert_eq!(class("9"), None);
        assert_eq!(class("0512"), None);
    }

    #[test]
    fn parents_are_the_longest_prefix_in_the_chart() {
        let p = |code: &str| parent(code).map(|a| a.code);
        assert_eq!(p("5121"), Some("512"));
        assert_eq!(p("512"), Some("51"));
        assert_eq!(p("51"), None);
        assert_eq!(p("7411"), Some("741"));
        assert_eq!(p("41100123"), Some("411"));
        assert_eq!(p("754119"), Some("75411"));
        assert_eq!(p("28183"), Some("2818"));
        assert_eq!(p("4718"), Some("471"));
        assert_eq!(p("252"), None, "no class-2 heading 25");
        assert_eq!(p("5é1"), None);
        assert_eq!(p(""), None);
        assert_eq!(find("512").map(|a| a.label), Some("Banques"));
        assert_eq!(find("5121"), None);
    }

    #[test]
    fn positions() {
        use Position::*;
        let cases = [
            ("102", Liability),
            ("1068", Liability),
            ("119", Liability),
            ("129", Liability),
            ("164", Liability),
            ("1941", Liability),
            ("2183", Asset),
            ("28183", Asset),
            ("370", Asset),
            ("401", AssetOrLiability),
            ("4011", AssetOrLiability),
            ("411", AssetOrLiability),
            ("4681", AssetOrLiability),
            ("486", Asset),
            ("487", Liability),
            ("4871", Liability),
            ("491", Asset),
            ("503", Asset),
            ("5112", Asset),
            ("5115", Asset),
            ("512", AssetOrLiability),
            ("5121", AssetOrLiability),
            ("517", AssetOrLiability),
            ("519", Liability),
            ("530", Asset),
            ("5301", Asset),
            ("580", AssetOrLiability),
            ("590", Asset),
            ("606", Expense),
            ("6281", Expense),
            ("689", Expense),
            ("706", Income),
            ("7411", Income),
            ("756", Income),
            ("789", Income),
            ("860", InKindUse),
            ("8611", InKindUse),
            ("864", InKindUse),
            ("870", InKindResource),
            ("875", InKindResource),
            ("8751", InKindResource),
        ];
        for (code, expected) in cases {
            assert_eq!(position(code), Some(expected), "{code}");
        }
        assert_eq!(position("890"), None, "class 8 outside 86/87");
        assert_eq!(position("512x"), None);
        assert!(Position::AssetOrLiability.in_balance_sheet() && !Position::Expense.in_balance_sheet());
        assert!(
            Position::InKindUse.in_kind() && !Position::InKindUse.in_balance_sheet() && !Position::Income.in_kind()
        );
    }

    #[test]
    fn kinds() {
        let cases = [
            ("512", Kind::Bank),
            ("5121", Kind::Bank),
            ("514", Kind::Bank),
            ("517", Kind::Bank),
            ("5112", Kind::Bank),
            ("5115", Kind::Bank),
            ("518", Kind::Other),
            ("519", Kind::Other),
            ("530", Kind::Cash),
            ("5301", Kind::Cash),
            ("54", Kind::Cash),
            ("580", Kind::Other),
            ("503", Kind::Other),
            ("401", Kind::ThirdParty),
            ("4110042", Kind::ThirdParty),
            ("4681", Kind::ThirdParty),
            ("4718", Kind::ThirdParty),
            ("486", Kind::Other),
            ("491", Kind::Other),
            ("6064", Kind::Expense),
            ("6257", Kind::Expense),
            ("75411", Kind::Income),
            ("7411", Kind::Income),
            ("864", Kind::InKindUse),
            ("870", Kind::InKindResource),
            ("875", Kind::InKindResource),
            ("102", Kind::Capital),
            ("164", Kind::Capital),
            ("2183", Kind::Other),
            ("370", Kind::Other),
            ("890", Kind::Other),
            ("", Kind::Other),
        ];
        for (code, expected) in cases {
            assert_eq!(kind(code), expected, "{code}");
        }
    }

    #[test]
    fn the_1999_in_kind_accounts_swap() {
        use ChartVersion::*;
        assert_eq!(moved("875", Pca1999), ("870".into(), Some(NOTE_IN_KIND_SWAPPED)), "1999 dons en nature");
        assert_eq!(moved("870", Pca1999), ("875".into(), Some(NOTE_IN_KIND_SWAPPED)), "1999 bénévolat");
        assert_eq!(moved("8701", Pca1999).0, "8751");
        assert_eq!(moved("871", Pca1999), ("871".into(), None));
        assert_eq!(moved("864", Pca1999), ("864".into(), None));
        // Not swapped again from 2018 on.
        assert_eq!(moved("870", Pca2018), ("870".into(), None));
        assert_eq!(moved("875", Pca2018), ("875".into(), None));
    }

    #[test]
    fn from_1999() {
        use ChartVersion::Pca1999;
        assert_eq!(moved("754", Pca1999), ("7541".into(), None));
        assert_eq!(moved("7542", Pca1999), ("754112".into(), None), "an own sub-account stays a don manuel");
        assert_eq!(moved("195", Pca1999), ("196".into(), None));
        assert_eq!(moved("197", Pca1999), ("196".into(), Some(NOTE_DEDICATED_LEGACIES)));
        assert_eq!(moved("198", Pca1999), ("198".into(), Some(NOTE_NO_EQUIVALENT)));
        assert_eq!(moved("194", Pca1999), ("194".into(), None));
        assert_eq!(moved("6895", Pca1999), ("6896".into(), None));
        assert_eq!(moved("7897", Pca1999), ("7896".into(), Some(NOTE_DEDICATED_LEGACIES)));
        // Through 2018 to 2025.
        assert_eq!(moved("6586", Pca1999), ("6281".into(), None));
        assert_eq!(moved("777", Pca1999), ("747".into(), None));
        assert_eq!(moved("791", Pca1999), ("791".into(), Some(NOTE_TRANSFERS_ABOLISHED)));
        assert_eq!(moved("512", Pca1999), ("512".into(), None));
    }

    #[test]
    fn from_2018() {
        use ChartVersion::Pca2018;
        let cases = [
            ("6586", "6281", None),
            ("673", "6573", None),
            ("675", "652", None),
            ("6754", "6521", None),
            ("6752", "652", None),
            ("6756", "6671", None),
            ("775", "757", None),
            ("7754", "7571", None),
            ("777", "747", None),
            ("740", "741", Some(NOTE_SUBSIDY)),
            ("7401", "7411", Some(NOTE_SUBSIDY)),
            ("791", "791", Some(NOTE_TRANSFERS_ABOLISHED)),
            ("7911", "7911", Some(NOTE_TRANSFERS_ABOLISHED)),
            ("671", "678", Some(NOTE_EXCEPTIONAL_NARROWED)),
            ("6718", "678", Some(NOTE_EXCEPTIONAL_NARROWED)),
            ("6712", "6582", None),
            ("6714", "654", None),
            ("771", "778", Some(NOTE_EXCEPTIONAL_NARROWED)),
            ("7713", "778", Some(NOTE_EXCEPTIONAL_NARROWED)),
            ("7715", "742", None),
            ("7714", "7583", None),
            ("678", "678", Some(NOTE_EXCEPTIONAL_NARROWED)),
            ("757", "758", Some(NOTE_EXCHANGE_GAINS)),
            ("7571", "7571", None),
            ("7587", "7587", None),
            ("652", "6281", Some(NOTE_LICENCES)),
            ("4482", "44811", None),
            ("4487", "4482", None),
            ("4686", "468", None),
        ];
        for (old, new, note) in cases {
            assert_eq!(moved(old, Pca2018), (new.to_string(), note), "{old}");
        }
    }

    #[test]
    fn sub_accounts_follow_their_parent() {
        use ChartVersion::Pca2018;
        assert_eq!(moved("67301", Pca2018).0, "657301");
        assert_eq!(moved("65861", Pca2018).0, "62811");
        assert_eq!(moved("67541", Pca2018).0, "65211");
        assert_eq!(moved("77701", Pca2018).0, "74701");
        assert_eq!(moved("67181", Pca2018).0, "6781");
    }

    #[test]
    fn codes_that_need_no_move_stay() {
        for from in [ChartVersion::Pca1999, ChartVersion::Pca2018, ChartVersion::Pca2025] {
            for code in ["512", "5121", "530", "606", "756", "7561", "86", "860", "4681"] {
                assert_eq!(moved(code, from), (code.to_string(), None), "{code} from {from:?}");
            }
        }
        // A 2025 code is never moved, even where an older one would be.
        for code in ["652", "757", "4482", "678", "6586", "791", "870", "875", "754"] {
            assert_eq!(moved(code, ChartVersion::Pca2025), (code.to_string(), None), "{code}");
        }
        assert_eq!(moved("abc", ChartVersion::Pca2018), ("abc".into(), None));
        assert_eq!(moved("7541234567", ChartVersion::Pca1999), ("7541234567".into(), Some(NOTE_TOO_LONG)));
    }

    #[test]
    fn every_note_is_listed() {
        for rule in FROM_1999.iter().chain(FROM_2018) {
            if let Some(note) = rule.note {
                assert!(NOTE_KEYS.contains(&note), "{note}");
            }
            assert!(is_valid_code(rule.from) && is_valid_code(rule.to) && is_valid_code(rule.under));
        }
        for key in NOTE_KEYS {
            assert!(key.starts_with("chart-note-"));
        }
    }
}
