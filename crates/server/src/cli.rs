//! The command line. Messages a person reads are in French and English.

use crate::config::{Common, Config};
use crate::ops::{self, Failure};
use clap::{Parser, Subcommand};
use domain::{HostOperator, Role, validate};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "preau",
    version,
    about = "Préau : le numérique des associations, auto-hébergé / self-hosted digital tools for associations"
)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Démarre le serveur web / start the web server
    Serve {
        /// Adresse d'écoute / address to listen on [default: 127.0.0.1:8080]
        #[arg(long, env = "PREAU_LISTEN")]
        listen: Option<String>,
        /// Adresse publique, pour les liens envoyés par courriel / public URL used in emailed links
        #[arg(long, env = "PREAU_PUBLIC_URL")]
        public_url: Option<String>,
    },
    /// Administration du serveur / server administration
    #[command(subcommand)]
    Admin(Admin),
    /// Met le schéma de la base à jour (sauvegarde SQLite avant) / upgrade the database schema (SQLite backed up first)
    Migrate,
    /// Vérifie la configuration, la base et son schéma / check configuration, database and schema
    Check,
    /// Sauvegarde la base / back up the database
    Backup {
        /// Fichier à créer (jamais écrasé) / file to create (never overwritten)
        #[arg(long)]
        out: PathBuf,
        /// Export portable JSON, restaurable sur SQLite ou PostgreSQL / portable export, restorable on either backend
        #[arg(long)]
        portable: bool,
    },
    /// Restaure une sauvegarde dans une base vide / restore a backup into an empty database
    Restore {
        /// Copie SQLite ou export portable / SQLite copy or portable export
        file: PathBuf,
    },
    /// Importe des données / import data
    #[command(subcommand)]
    Import(Import),
    /// Exporte des données d'une association / export an association's data
    #[command(subcommand)]
    Export(Export),
    /// Bilan d'hygiène numérique d'un domaine : DNS, courriel, site web ; sans association ni base / digital-hygiene check-up of a domain: DNS, mail, website; no association nor database needed
    ///
    /// Code de sortie 0 dès que les vérifications ont pu être lancées, quels que soient leurs résultats /
    /// exit code 0 once the checks could run, whatever they found.
    Checkup {
        /// Domaine à vérifier (exemple.fr, café.fr ou xn--caf-dma.fr) / domain to check
        #[arg(required_unless_present_any = ["batch", "all_associations"])]
        domain: Option<String>,
        /// text ou json / text or json
        #[arg(long, default_value = "text")]
        format: String,
        /// Résolveur DNS, ADRESSE:PORT [défaut : /etc/resolv.conf] / DNS resolver [default: /etc/resolv.conf]
        #[arg(long)]
        resolver: Option<String>,
        /// Adresse RDAP du registre [défaut : celle de l'IANA pour l'extension] / the registry's RDAP base URL
        #[arg(long)]
        rdap_url: Option<String>,
        /// Langue du rapport en texte : fr ou en / language of the text report
        #[arg(long, default_value = "fr", env = "PREAU_LANG")]
        lang: String,
        /// Sélecteur DKIM à vérifier en plus des courants (répétable) / DKIM selector to check besides the common ones
        #[arg(long = "dkim-selector")]
        dkim_selectors: Vec<String>,
        /// Fichier d'un domaine par ligne : un rapport JSON par ligne / file of one domain a line: one JSON report a line
        #[arg(long, conflicts_with = "domain")]
        batch: Option<PathBuf>,
        /// Revérifie le domaine surveillé de chaque association, alertes comprises (tournée nocturne de l'hébergeur) /
        /// re-check every association's watched domain, alerts included (the host operator's nightly batch)
        #[arg(long, conflicts_with_all = ["domain", "batch"])]
        all_associations: bool,
        /// Bilans menés en même temps avec --batch / check-ups run at once with --batch
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
        /// Limite de chaque vérification, en secondes [défaut : 15] / time limit of each check, in seconds
        #[arg(long)]
        timeout: Option<u64>,
        #[arg(long, hide = true)]
        http_port: Option<u16>,
        #[arg(long, hide = true)]
        https_port: Option<u16>,
        #[arg(long, hide = true)]
        smtp_port: Option<u16>,
        /// A PEM file of roots trusted besides Mozilla's (tests, the bench, an in-house CA).
        #[arg(long, hide = true)]
        extra_root: Option<PathBuf>,
        #[arg(long, hide = true)]
        no_mozilla_roots: bool,
    },
    /// Vérifie le scellement des exercices clôturés / check the seal of the closed fiscal years
    VerifyBooks {
        /// Identifiant de l'association / association slug
        #[arg(long)]
        association: String,
    },
}

#[derive(Subcommand, Debug)]
enum Export {
    /// Exporte les adhérent·es en CSV, ODS, XLSX ou vCard / export the members as CSV, ODS, XLSX or vCard
    Members {
        /// Identifiant de l'association / association slug
        #[arg(long)]
        association: String,
        /// csv, csv-excel (pour / for Excel), ods, xlsx, vcf (vCard)
        #[arg(long)]
        format: String,
        /// Fichier à créer (jamais écrasé), sinon la sortie standard / file to create (never overwritten), else standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Exporte le fichier des écritures comptables (FEC) d'un exercice / export a fiscal year's FEC
    Fec {
        /// Identifiant de l'association / association slug
        #[arg(long)]
        association: String,
        /// Année de fin de l'exercice / the year the fiscal year ends in
        #[arg(long)]
        year: i32,
        /// Fichier à créer (jamais écrasé), sinon la sortie standard / file to create (never overwritten), else standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum Import {
    /// Importe des adhérent·es d'un fichier CSV, ODS ou XLSX : tout ou rien / import members from a CSV, ODS or XLSX file: all or nothing
    Members {
        /// Identifiant de l'association / association slug
        #[arg(long)]
        association: String,
        /// Fichier CSV, ODS ou XLSX / CSV, ODS or XLSX file
        file: PathBuf,
        /// auto, galette, paheko, helloasso, csv
        #[arg(long, default_value = "auto")]
        format: String,
        /// Personne déjà présente : skip (ignorer), update (mettre à jour), create (créer) / someone already there
        #[arg(long, default_value = "skip")]
        duplicates: String,
        /// Vérifie et compte sans rien écrire / check and count, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Importe des écritures (FEC, export du journal de Paheko, export CSV du grand livre de Dolibarr) dans les exercices ouverts : tout ou rien / import entries (FEC, Paheko's journal export, Dolibarr's ledger CSV export) into the open fiscal years: all or nothing
    Fec {
        /// Identifiant de l'association / association slug
        #[arg(long)]
        association: String,
        /// Fichier FEC, Paheko ou Dolibarr / FEC, Paheko or Dolibarr file
        file: PathBuf,
        /// Format du fichier : auto (trouvé d'après sa première ligne), fec, paheko, dolibarr / the file's format
        #[arg(long, default_value = "auto")]
        format: String,
        /// Numérotation des comptes du fichier : 2025, 2018 ou 1999 (plan de 1999 : 870 et 875 échangés) / the file's account numbering
        #[arg(long, default_value = "2025")]
        numbering: String,
        /// Vérifie et compte sans rien écrire / check and count, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Importe un relevé bancaire (CSV, OFX, QIF, camt.053, CFONB 120) dans un compte : tout ou rien, sans doublon / import a bank statement into an account: all or nothing, no line twice
    Bank {
        /// Identifiant de l'association / association slug
        #[arg(long)]
        association: String,
        /// Compte bancaire du plan comptable (512, 5121…) / bank account of the chart
        #[arg(long)]
        account: String,
        /// Fichier du relevé / statement file
        file: PathBuf,
        /// Vérifie et compte sans rien écrire / check and count, write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand, Debug)]
enum Admin {
    /// Crée une association et affiche son identifiant / create an association and print its slug
    CreateAssociation {
        #[arg(long)]
        name: String,
        #[arg(long)]
        slug: Option<String>,
    },
    /// Crée un compte (ou l'ajoute) dans une association / create an account (or add it) in an association
    CreateUser {
        /// Identifiant de l'association / association slug
        #[arg(long)]
        association: String,
        #[arg(long)]
        email: String,
        /// member, editor, secretary, treasurer, administrator
        #[arg(long)]
        role: String,
        /// Nom affiché / display name [default: the email's local part]
        #[arg(long)]
        name: Option<String>,
        /// Lit le mot de passe sur l'entrée standard / read the password from standard input
        #[arg(long)]
        password_stdin: bool,
    },
    /// Change un mot de passe, ou affiche un lien de réinitialisation / set a password, or print a reset link
    ResetPassword {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Liste les associations / list the associations
    ListAssociations,
    /// Tient des comptes fictifs sur deux exercices, pour essayer ou mesurer / keep made-up books over two fiscal years, to try or measure
    DemoBooks {
        #[arg(long)]
        association: String,
        /// Écritures à passer sur les deux exercices / entries to write over the two years
        #[arg(long, default_value_t = 1000)]
        entries: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Clôture le premier exercice (numéros scellés) / close the first year (sealed numbers)
        #[arg(long)]
        close_first: bool,
    },
    /// Ajoute des adhérent·es fictifs, pour essayer ou mesurer / add made-up members, to try or measure
    DemoMembers {
        #[arg(long)]
        association: String,
        #[arg(long, default_value_t = 100)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Cotisations à enregistrer, réparties sur trois ans / dues payments to record, over three years
        #[arg(long, default_value_t = 0)]
        payments: usize,
        /// Écrit les adhérent·es dans ce fichier CSV au lieu de la base / write the members to this CSV file instead
        #[arg(long)]
        csv: Option<PathBuf>,
    },
}

/// Parses the command line, runs the command, and maps failures to exit code 1.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("PREAU_LOG").unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    // One TLS crypto provider for the whole process (ring; no aws-lc).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("preau: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(dispatch(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(m)) => {
            eprintln!("preau: {m}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Serve { listen, public_url } => {
            let config = Config::resolve(&cli.common, listen.as_deref(), public_url.as_deref())?;
            serve(config).await
        }
        Command::Migrate => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::connect(&config).await?;
            let before = store::migrate::database_version(&db).await?;
            ops::open_migrated(&config).await?;
            println!("schema: version {before} → {} / schéma à jour", store::migrate::program_version());
            Ok(())
        }
        Command::Check => {
            let config = Config::resolve(&cli.common, None, None)?;
            println!("configuration: ok (data: {}, listen: {})", config.data_dir.display(), config.listen);
            let db = ops::open_current(&config).await?;
            db.ping().await?;
            println!(
                "database: reachable, schema version {} / base joignable, schéma à jour",
                store::migrate::program_version()
            );
            for (status, n) in store::mail::counts(&db).await? {
                println!("mail queue / file des courriels: {status} {n}");
            }
            Ok(())
        }
        Command::Backup { out, portable } => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::open_current(&config).await?;
            println!("{}", ops::backup(&db, &out, portable).await?);
            Ok(())
        }
        Command::Restore { file } => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::open_migrated(&config).await?;
            println!("{}", ops::restore(&db, &file, &config.data_dir).await?);
            Ok(())
        }
        Command::Import(Import::Members { association, file, format, duplicates, dry_run }) => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::open_migrated(&config).await?;
            let request = crate::import::Request {
                association: &association,
                file: &file,
                format: &format,
                duplicates: &duplicates,
                dry_run,
            };
            println!("{}", crate::import::members(&db, &request, web::now()).await?);
            Ok(())
        }
        Command::Import(Import::Bank { association, account, file, dry_run }) => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::open_migrated(&config).await?;
            let request =
                crate::import::BankRequest { association: &association, account: &account, file: &file, dry_run };
            println!("{}", crate::import::bank(&db, &request, web::now()).await?);
            Ok(())
        }
        Command::Export(Export::Members { association, format, out }) => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::open_current(&config).await?;
            let done = crate::export::members(&db, &association, &format, out.as_deref()).await?;
            if !done.is_empty() {
                println!("{done}");
            }
            Ok(())
        }
        Command::Export(Export::Fec { association, year, out }) => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::open_current(&config).await?;
            let done = crate::books::export_fec(&db, &association, year, out.as_deref()).await?;
            if !done.is_empty() {
                println!("{done}");
            }
            Ok(())
        }
        Command::Import(Import::Fec { association, file, format, numbering, dry_run }) => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::open_migrated(&config).await?;
            let done = crate::books::import_fec(&db, &association, (&file, &format, &numbering), dry_run).await?;
            println!("{done}");
            Ok(())
        }
        Command::Checkup {
            domain,
            format,
            resolver,
            rdap_url,
            lang,
            dkim_selectors,
            batch,
            all_associations,
            concurrency,
            timeout,
            http_port,
            https_port,
            smtp_port,
            extra_root,
            no_mozilla_roots,
        } => {
            let request = crate::checkup::Request {
                domain,
                format,
                lang,
                resolver,
                rdap_url,
                dkim_selectors,
                batch,
                concurrency,
                timeout,
                http_port,
                https_port,
                smtp_port,
                extra_root,
                no_mozilla_roots,
            };
            if all_associations {
                let config = Config::resolve(&cli.common, None, None)?;
                let db = ops::open_migrated(&config).await?;
                return crate::checkup::run_all(&db, &request, &config.public_url).await;
            }
            crate::checkup::run(request).await
        }
        Command::VerifyBooks { association } => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::open_current(&config).await?;
            println!("{}", crate::books::verify(&db, &association).await?);
            Ok(())
        }
        Command::Admin(admin) => {
            let config = Config::resolve(&cli.common, None, None)?;
            let db = ops::open_migrated(&config).await?;
            run_admin(&db, &config, admin).await
        }
    }
}

fn read_password() -> Result<String, Failure> {
    let mut s = String::new();
    std::io::stdin().read_line(&mut s).map_err(|e| Failure(format!("stdin: {e}")))?;
    let pw = s.trim_end_matches(['\n', '\r']).to_string();
    validate::password(&pw).map_err(|_| {
        Failure(format!(
            "the password must be at least {} characters / le mot de passe doit faire au moins {} caractères",
            validate::MIN_PASSWORD_CHARS,
            validate::MIN_PASSWORD_CHARS
        ))
    })?;
    Ok(pw)
}

async fn run_admin(db: &store::Db, config: &Config, admin: Admin) -> Result<(), Failure> {
    let host = HostOperator::console();
    let t = web::now();
    match admin {
        Admin::CreateAssociation { name, slug } => {
            let name = validate::line(&name, 200)
                .map_err(|_| Failure("--name: required, at most 200 characters / nom obligatoire".into()))?;
            let slug = match slug {
                Some(s) => validate::slug(&s)
                    .ok_or_else(|| Failure(format!("--slug {s:?}: 2 to 40 of a-z, 0-9, - / identifiant invalide")))?,
                None => validate::slugify(&name),
            };
            match store::associations::create(db, &host, &slug, &name, t).await {
                Ok(a) => {
                    store::audit::record(db, a, None, "association.created", &slug, t).await?;
                    println!("{slug}");
                    Ok(())
                }
                Err(store::Error::Conflict) => Err(Failure(format!("--slug {slug}: already taken / déjà pris"))),
                Err(e) => Err(e.into()),
            }
        }
        Admin::CreateUser { association, email, role, name, password_stdin } => {
            let a = store::associations::by_slug(db, &association).await?.ok_or_else(|| {
                Failure(format!("--association {association}: no such association / association inconnue"))
            })?;
            let email = validate::email(&email)
                .ok_or_else(|| Failure(format!("--email {email}: invalid address / adresse invalide")))?;
            let role = Role::from_code(&role).ok_or_else(|| {
                Failure(format!("--role {role}: expected one of / attendu : {}", Role::ALL.map(Role::code).join(", ")))
            })?;
            let user = match store::users::by_email(db, &email).await? {
                Some(u) => u.id(),
                None => {
                    let hash = if password_stdin {
                        Some(web::passwords::hash_now(web::ArgonParams::default(), &read_password()?))
                    } else {
                        None
                    };
                    let display = name.unwrap_or_else(|| email.split('@').next().unwrap_or("").to_string());
                    store::users::create(db, &email, &display, hash.as_deref(), t).await?
                }
            };
            store::team::add_by_host(db, &host, a.id(), user, role, t).await?;
            store::audit::record(db, a.id(), None, "team.add", &format!("{email} ({})", role.code()), t).await?;
            println!("{email} → {} ({})", a.slug, role.code());
            Ok(())
        }
        Admin::ResetPassword { email, password_stdin } => {
            let email = validate::email(&email)
                .ok_or_else(|| Failure(format!("--email {email}: invalid address / adresse invalide")))?;
            let user = store::users::by_email(db, &email)
                .await?
                .ok_or_else(|| Failure(format!("{email}: no such account / compte inconnu")))?;
            if password_stdin {
                let hash = web::passwords::hash_now(web::ArgonParams::default(), &read_password()?);
                store::users::set_password(db, user.id(), &hash).await?;
                store::sessions::revoke_others(db, user.id(), None).await?;
                println!("{email}: password changed, sessions closed / mot de passe changé");
            } else {
                let token = web::crypto::token();
                store::tokens::create(
                    db,
                    &web::crypto::token_hash(&token),
                    store::tokens::Purpose::Reset,
                    Some(user.id()),
                    t,
                    t + 3600,
                )
                .await?;
                println!("{}/password/reset/{token}", config.public_url);
            }
            Ok(())
        }
        Admin::DemoMembers { count, seed, csv: Some(path), .. } => {
            crate::demo::write_csv(&path, count, seed)?;
            println!("{count} members written to {} / adhérent·es écrits", path.display());
            Ok(())
        }
        Admin::DemoMembers { association, count, seed, payments, csv: None } => {
            let a = store::associations::by_slug(db, &association).await?.ok_or_else(|| {
                Failure(format!("--association {association}: no such association / association inconnue"))
            })?;
            // Acting as the association's first administrator, as the host operator may.
            let admin = store::team::list(db, a.id())
                .await?
                .into_iter()
                .find(|m| m.role == Role::Administrator.code())
                .ok_or_else(|| {
                    Failure(format!("{association}: no administrator yet / pas encore d'administrateur·rice"))
                })?;
            let grant = host.grant::<domain::ManageMembers>(a.id(), domain::UserId(admin.user_id));
            let mut first = None;
            for chunk in crate::demo::members(count, seed).chunks(1000) {
                let id = store::members::create_many(db, &grant, chunk, t).await?;
                first.get_or_insert(id);
            }
            println!("{count} members added to {association} / adhérent·es ajoutés");
            if let (Some(first), true) = (first, payments > 0) {
                crate::demo::payments(db, &grant, (first, count), payments, a.fiscal_year_start_month as u32, t)
                    .await?;
                println!("{payments} payments recorded / cotisations enregistrées");
            }
            Ok(())
        }
        Admin::DemoBooks { association, entries, seed, close_first } => {
            let a = store::associations::by_slug(db, &association).await?.ok_or_else(|| {
                Failure(format!("--association {association}: no such association / association inconnue"))
            })?;
            println!("{}", crate::demo::books(db, &a, (entries, seed), close_first, t).await?);
            Ok(())
        }
        Admin::ListAssociations => {
            for a in store::associations::list_hosted(db, &host).await? {
                println!("{}\t{}\t{} people", a.slug, a.name, a.people);
            }
            Ok(())
        }
    }
}

async fn serve(config: Config) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let db = ops::open_migrated(&config).await?;
    let key = ops::server_key(&config.data_dir)?;
    let mailer = match &config.smtp_url {
        Some(url) => Some(crate::mailer::Mailer::new(url, &config.mail_from).map_err(Failure)?),
        None => None,
    };
    let web_config = web::WebConfig {
        public_url: config.public_url.clone(),
        max_body_bytes: config.max_body_bytes,
        max_upload_bytes: config.max_upload_bytes,
        trust_proxy: config.trust_proxy,
        argon: web::ArgonParams::default(),
        session_seconds: config.session_days * 86_400,
        checkup: crate::checkup::server_config(),
    };
    let app = web::router(web::AppState::new(db.clone(), key.clone(), web_config));
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| Failure(format!("cannot listen on {} / écoute impossible: {e}", config.listen)))?;
    println!("Préau écoute sur / listening on {} (ready in {} ms)", config.public_url, started.elapsed().as_millis());
    if let Some(link) = ops::setup_link(&db, &config.public_url).await? {
        println!("Lien d'installation, valable 24 h et une seule fois / one-time setup link, valid 24 h:\n  {link}");
    }
    tokio::spawn(crate::jobs::mail_loop(db.clone(), key, mailer));
    tokio::spawn(crate::jobs::hourly_loop(db.clone(), config.public_url.clone(), crate::checkup::server_config()));
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| Failure(format!("server: {e}")))
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
