import type { ConnectionProfile, ServerCertificate } from '@api/dto'
import { Button } from '../../components/Button'

interface CertificateTrustProps {
  profile: ConnectionProfile
  /** The certificate a failed Test refused. */
  certificate: ServerCertificate
  onTrust: () => void
}

/** The refused certificate, and "Trust this certificate" where pinning it can work. */
export function CertificateTrust({ profile, certificate, onTrust }: CertificateTrustProps) {
  const pinnedAlready = profile.tlsFingerprint === certificate.fingerprint256
  return (
    <div
      className="pc-certificate"
      role="group"
      aria-label={`Server certificate of ${profile.name}`}
    >
      <dl className="facts">
        <dt>Subject</dt>
        <dd>{certificate.subject}</dd>
        <dt>Issuer</dt>
        <dd>{certificate.issuer}</dd>
        <dt>Valid</dt>
        <dd>
          {certificate.validFrom} to {certificate.validTo}
        </dd>
        <dt>SHA-256</dt>
        <dd className="mono">{certificate.fingerprint256}</dd>
      </dl>
      {!certificate.selfSigned ? (
        <p className="hint">
          It is issued by a CA: edit the connection and give that CA&apos;s certificate as its CA
          file.
        </p>
      ) : pinnedAlready ? null : (
        <>
          <p className="hint">
            Trust it only if this fingerprint is the one of your server (ask its administrator). The
            connection then accepts this certificate and no other.
          </p>
          <div className="button-row">
            <Button small onClick={onTrust}>
              Trust this certificate
            </Button>
          </div>
        </>
      )}
    </div>
  )
}
