//! TLS connections that always finish their handshake: the certificate is
//! verified as a browser would, the verdict recorded, and the connection kept
//! even when the verdict is bad, so an expired or mismatched certificate can
//! be described (and the headers behind it still read).

use crate::Config;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};
use serde::Serialize;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

/// The roots and the crypto provider (ring), built once.
pub(crate) struct Trust {
    verifier: Arc<WebPkiServerVerifier>,
    provider: Arc<CryptoProvider>,
}

/// What a certificate verification said.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Verdict {
    Valid,
    Expired,
    NotYetValid,
    WrongName,
    UnknownIssuer,
    Other(String),
}

/// The facts of one handshake.
#[derive(Debug, Clone)]
pub(crate) struct Handshake {
    pub verdict: Verdict,
    /// The server's certificate, first of its chain.
    pub certificate: Option<CertificateDer<'static>>,
    /// `TLSv1.3`, `TLSv1.2`.
    pub version: String,
}

impl Trust {
    pub fn new(config: &Config) -> Result<Trust, String> {
        let mut roots = RootCertStore::empty();
        if config.mozilla_roots {
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        }
        for root in &config.extra_roots {
            roots.add(root.clone()).map_err(|e| format!("extra root: {e}"))?;
        }
        if roots.is_empty() {
            return Err("no trusted root / aucune racine de confiance".into());
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .map_err(|e| format!("roots: {e}"))?;
        Ok(Trust { verifier, provider })
    }

    /// Handshakes with `host` over `stream`, whatever the certificate.
    pub async fn connect<S>(&self, stream: S, host: &str) -> Result<(TlsStream<S>, Handshake), String>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let verdict = Arc::new(Mutex::new(None));
        let recording = Recording { inner: self.verifier.clone(), verdict: verdict.clone() };
        let config = rustls::ClientConfig::builder_with_provider(self.provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(recording))
            .with_no_client_auth();
        let name = ServerName::try_from(host.to_string()).map_err(|e| format!("{host}: {e}"))?;
        let tls = TlsConnector::from(Arc::new(config)).connect(name, stream).await.map_err(|e| e.to_string())?;
        let (_, connection) = tls.get_ref();
        let certificate = connection.peer_certificates().and_then(|c| c.first()).map(|c| c.clone().into_owned());
        let version = connection.protocol_version().and_then(|v| v.as_str()).unwrap_or("?").replace('_', ".");
        let verdict =
            verdict.lock().map(|v| v.clone()).ok().flatten().unwrap_or(Verdict::Other("no certificate".into()));
        Ok((tls, Handshake { verdict, certificate, version }))
    }
}

/// Verifies as Mozilla's roots (and the configured ones) would, records the
/// verdict, and lets the handshake go on. The handshake signatures are still
/// checked: only the trust decision is deferred.
#[derive(Debug)]
struct Recording {
    inner: Arc<WebPkiServerVerifier>,
    verdict: Arc<Mutex<Option<Verdict>>>,
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let verdict = match self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Ok(_) => Verdict::Valid,
            Err(Error::InvalidCertificate(e)) => match e {
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => Verdict::Expired,
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => Verdict::NotYetValid,
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                    Verdict::WrongName
                }
                CertificateError::UnknownIssuer => Verdict::UnknownIssuer,
                other => Verdict::Other(format!("{other:?}")),
            },
            Err(other) => Verdict::Other(other.to_string()),
        };
        if let Ok(mut slot) = self.verdict.lock() {
            *slot = Some(verdict);
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// A certificate's facts for the report.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CertFacts {
    pub subject: String,
    pub issuer: String,
    pub names: Vec<String>,
    /// Unix seconds.
    pub not_before: i64,
    pub not_after: i64,
}

pub(crate) fn cert_facts(der: &CertificateDer<'_>) -> Option<CertFacts> {
    let (_, cert) = x509_parser::parse_x509_certificate(der.as_ref()).ok()?;
    let names = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .filter_map(|n| match n {
                    x509_parser::extensions::GeneralName::DNSName(d) => Some(d.to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    Some(CertFacts {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        names,
        not_before: cert.validity().not_before.timestamp(),
        not_after: cert.validity().not_after.timestamp(),
    })
}
