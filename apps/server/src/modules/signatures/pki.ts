import {
  createHash,
  createPrivateKey,
  generateKeyPair,
  type KeyObject,
  randomBytes,
  scrypt,
  sign as signBytes,
  verify as verifyBytes,
  X509Certificate,
} from 'node:crypto';
import { promisify } from 'node:util';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  id_contentType,
  id_data,
  id_messageDigest,
  id_signedData,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import {
  AsnArray,
  AsnConvert,
  AsnIntegerArrayBufferConverter,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
  OctetString,
} from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  GeneralName,
  GeneralNames,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/**
 * The public-key pieces of electronic signatures, on Node's crypto (OpenSSL) for keys and
 * signatures and the @peculiar/asn1-* schemas for the X.509 and CMS structures:
 * - the government's root certificate and the signers' certificates it issues;
 * - a signer's private key as encrypted PKCS#8 under their passphrase;
 * - the CMS SignedData (CAdES, detached) that a PDF signature embeds.
 */

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  country: '2.5.4.6',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  /** id-aa-signingCertificateV2 (RFC 5035), required by CAdES and PAdES. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

// ── ESS signing-certificate-v2 (RFC 5035), declared with the schema library ─────────────────
class IssuerSerial {
  issuer = new GeneralNames();
  serialNumber = new ArrayBuffer(0);
  constructor(p: Partial<IssuerSerial> = {}) {
    Object.assign(this, p);
  }
}
AsnType({ type: AsnTypeTypes.Sequence })(IssuerSerial);
AsnProp({ type: GeneralNames })(IssuerSerial.prototype, 'issuer');
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(
  IssuerSerial.prototype,
  'serialNumber',
);

/** ESSCertIDv2 with the default hash algorithm (SHA-256), which DER leaves out. */
class EssCertIdV2 {
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
  constructor(p: Partial<EssCertIdV2> = {}) {
    Object.assign(this, p);
  }
}
AsnType({ type: AsnTypeTypes.Sequence })(EssCertIdV2);
AsnProp({ type: OctetString })(EssCertIdV2.prototype, 'certHash');
AsnProp({ type: IssuerSerial, optional: true })(EssCertIdV2.prototype, 'issuerSerial');

class SigningCertificateV2 {
  certs: EssCertIdV2[] = [];
  constructor(p: Partial<SigningCertificateV2> = {}) {
    Object.assign(this, p);
  }
}
AsnType({ type: AsnTypeTypes.Sequence })(SigningCertificateV2);
AsnProp({ type: EssCertIdV2, repeated: 'sequence' })(SigningCertificateV2.prototype, 'certs');

/** The value of the content-type attribute (an OBJECT IDENTIFIER). */
class ContentTypeValue {
  value = '';
  constructor(value = '') {
    this.value = value;
  }
}
AsnType({ type: AsnTypeTypes.Choice })(ContentTypeValue);
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(ContentTypeValue.prototype, 'value');

/** Signed attributes as the signature covers them: a SET OF Attribute (RFC 5652 §5.4). */
class SignedAttributeSet extends AsnArray<Attribute> {}
AsnType({ type: AsnTypeTypes.Set, itemType: Attribute })(SignedAttributeSet);

// ── names and certificates ───────────────────────────────────────────────────────────────────
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
const toArrayBuffer = (b: Uint8Array): ArrayBuffer => new Uint8Array(b).buffer;

function rdn(type: string, value: string, printable = false) {
  const v = new AttributeValue(printable ? { printableString: value } : { utf8String: value });
  return new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: v })]);
}

const rsaWithSha256 = () => new AlgorithmIdentifier({ algorithm: OID.sha256WithRSA, parameters: null });

/** What the system keeps about a certificate, read back from its DER. */
export interface CertificateInfo {
  der: Buffer;
  serialNumber: string;
  /** Distinguished name, most specific first: "serialNumber=…, CN=…, OU=…, O=…, C=ID". */
  subject: string;
  issuer: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
}

function dn(lines: string): string {
  return lines.split('\n').filter(Boolean).reverse().join(', ');
}

export function certificateInfo(der: Uint8Array): CertificateInfo {
  const x = new X509Certificate(der);
  return {
    der: Buffer.from(der),
    serialNumber: x.serialNumber.toLowerCase().replace(/^0+(?=.)/, ''),
    subject: dn(x.subject),
    issuer: dn(x.issuer),
    fingerprintSha256: sha256(der).toString('hex'),
    notBefore: new Date(x.validFrom),
    notAfter: new Date(x.validTo),
  };
}

/** A random positive serial number of 16 bytes (RFC 5280 allows up to 20). */
function newSerial(): Buffer {
  const b = randomBytes(16);
  b[0] = ((b[0] ?? 1) & 0x7f) | 0x01;
  return b;
}

/** SHA-1 of the public key bits: the usual key identifier (RFC 5280 §4.2.1.2, method 1). */
function keyIdentifier(spkiDer: Buffer): Buffer {
  const spki = AsnConvert.parse(spkiDer, SubjectPublicKeyInfo);
  return createHash('sha1').update(Buffer.from(spki.subjectPublicKey)).digest();
}

function extension(id: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID: id, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function signCertificate(tbs: TBSCertificate, issuerKey: KeyObject): Buffer {
  const signature = signBytes('sha256', Buffer.from(AsnConvert.serialize(tbs)), issuerKey);
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: rsaWithSha256(),
    signatureValue: toArrayBuffer(signature),
  });
  return Buffer.from(AsnConvert.serialize(cert));
}

const generateRsa = promisify(generateKeyPair);
const minute = 60_000;
const year = 365.25 * 24 * 60 * minute;

/** The government's root certificate authority: a self-signed certificate naming the government. */
export async function createAuthorityCertificate(opts: {
  governmentName: string;
  now?: Date;
  years?: number;
}): Promise<{ certificate: CertificateInfo; privateKey: KeyObject }> {
  const now = opts.now ?? new Date();
  const { publicKey, privateKey } = await generateRsa('rsa', { modulusLength: 3072 });
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  const name = new Name([
    rdn(OID.country, 'ID', true),
    rdn(OID.organisation, opts.governmentName),
    rdn(OID.commonName, `Otoritas Sertifikat Elektronik ${opts.governmentName}`),
  ]);
  const kid = keyIdentifier(spkiDer);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: toArrayBuffer(newSerial()),
    signature: rsaWithSha256(),
    issuer: name,
    validity: new Validity({
      notBefore: new Date(now.getTime() - 5 * minute),
      notAfter: new Date(now.getTime() + (opts.years ?? 20) * year),
    }),
    subject: name,
    subjectPublicKeyInfo: AsnConvert.parse(spkiDer, SubjectPublicKeyInfo),
    extensions: new Extensions([
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true, pathLenConstraint: 0 })),
      extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)),
      extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(kid)),
    ]),
  });
  return { certificate: certificateInfo(signCertificate(tbs, privateKey)), privateKey };
}

/**
 * A signer's key pair and certificate issued by the authority: the person's name as CN, their
 * NIP as serialNumber, the agency as OU and the government as O; for signing documents only.
 */
export async function issueSignerCertificate(opts: {
  authority: { certificate: Uint8Array; privateKey: KeyObject };
  name: string;
  nip: string;
  governmentName: string;
  agencyName: string | null;
  now?: Date;
  years?: number;
}): Promise<{ certificate: CertificateInfo; privateKey: KeyObject }> {
  const now = opts.now ?? new Date();
  const { publicKey, privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  const ca = AsnConvert.parse(opts.authority.certificate, Certificate);
  const caNotAfter = new X509Certificate(opts.authority.certificate).validTo;
  const wanted = new Date(now.getTime() + (opts.years ?? 2) * year);
  const notAfter = new Date(Math.min(wanted.getTime(), new Date(caNotAfter).getTime()));
  const subject = new Name([
    rdn(OID.country, 'ID', true),
    rdn(OID.organisation, opts.governmentName),
    ...(opts.agencyName ? [rdn(OID.organisationalUnit, opts.agencyName)] : []),
    rdn(OID.commonName, opts.name),
    rdn(OID.serialNumber, opts.nip, true),
  ]);
  const caSpki = Buffer.from(AsnConvert.serialize(ca.tbsCertificate.subjectPublicKeyInfo));
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: toArrayBuffer(newSerial()),
    signature: rsaWithSha256(),
    issuer: ca.tbsCertificate.subject,
    validity: new Validity({ notBefore: new Date(now.getTime() - 5 * minute), notAfter }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(spkiDer, SubjectPublicKeyInfo),
    extensions: new Extensions([
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: false })),
      extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation)),
      extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(spkiDer))),
      extension(
        id_ce_authorityKeyIdentifier,
        false,
        new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyIdentifier(caSpki)) }),
      ),
    ]),
  });
  return { certificate: certificateInfo(signCertificate(tbs, opts.authority.privateKey)), privateKey };
}

/** PEM of a certificate, for download. */
export function certificatePem(der: Uint8Array): string {
  return new X509Certificate(der).toString();
}

// ── the signer's key under their passphrase ──────────────────────────────────────────────────
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt cost: about 0.1 s per attempt on a server core, and 32 MiB of memory. */
const kdf = { N: 2 ** 15, r: 8, p: 1 } as const;

interface LockedKey {
  v: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  /** Encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) whose password is the stretched passphrase. */
  pkcs8: string;
}

async function stretch(passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<string> {
  const key = await scryptAsync(passphrase.normalize('NFC'), salt, 32, { ...p, maxmem: 64 * 1024 * 1024 });
  return key.toString('base64');
}

/**
 * The private key as an encrypted PKCS#8 (what `openssl pkcs8` reads), whose password is the
 * passphrase stretched with scrypt under a random salt: without the passphrase the stored bytes
 * are useless, and each guess costs a scrypt.
 */
export async function lockPrivateKey(key: KeyObject, passphrase: string): Promise<string> {
  const salt = randomBytes(16);
  const password = await stretch(passphrase, salt, kdf);
  const der = key.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: password });
  const locked: LockedKey = {
    v: 1,
    kdf: 'scrypt',
    ...kdf,
    salt: salt.toString('base64'),
    pkcs8: der.toString('base64'),
  };
  return JSON.stringify(locked);
}

/** The private key, or null when the passphrase is wrong. */
export async function unlockPrivateKey(locked: string, passphrase: string): Promise<KeyObject | null> {
  const l = JSON.parse(locked) as LockedKey;
  if (l.v !== 1 || l.kdf !== 'scrypt') throw new Error('unknown key format');
  const password = await stretch(passphrase, Buffer.from(l.salt, 'base64'), l);
  try {
    return createPrivateKey({
      key: Buffer.from(l.pkcs8, 'base64'),
      format: 'der',
      type: 'pkcs8',
      passphrase: password,
    });
  } catch {
    return null;
  }
}

// ── CMS (CAdES detached) ─────────────────────────────────────────────────────────────────────
const sha256Algorithm = () => new AlgorithmIdentifier({ algorithm: OID.sha256 });

/**
 * A detached CMS SignedData over content whose SHA-256 is `digest`, as PAdES wants it (ETSI EN
 * 319 142-1, baseline B): signed attributes content-type, message-digest and
 * signing-certificate-v2 (no signing-time: the PDF's /M holds it); the signer's certificate and
 * its chain included. `sign` signs the DER of the signed attributes with the signer's key.
 */
export async function cadesDetachedSignature(opts: {
  digest: Uint8Array;
  certificate: Uint8Array;
  chain: Uint8Array[];
  sign: (signedAttributes: Buffer) => Promise<Buffer> | Buffer;
}): Promise<Buffer> {
  if (opts.digest.length !== 32) throw new Error('a SHA-256 digest has 32 bytes');
  const cert = AsnConvert.parse(opts.certificate, Certificate);
  const { issuer, serialNumber } = cert.tbsCertificate;
  const essCert = new SigningCertificateV2({
    certs: [
      new EssCertIdV2({
        certHash: new OctetString(sha256(opts.certificate)),
        issuerSerial: new IssuerSerial({
          issuer: new GeneralNames([new GeneralName({ directoryName: issuer })]),
          serialNumber,
        }),
      }),
    ],
  });
  const attributes = [
    new Attribute({ attrType: id_contentType, attrValues: [AsnConvert.serialize(new ContentTypeValue(id_data))] }),
    new Attribute({ attrType: id_messageDigest, attrValues: [AsnConvert.serialize(new OctetString(opts.digest))] }),
    new Attribute({ attrType: OID.signingCertificateV2, attrValues: [AsnConvert.serialize(essCert)] }),
  ];
  // DER orders a SET OF by the encodings of its elements.
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(AsnConvert.serialize(a)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  const signedAttrs = encoded.map((e) => e.a);
  const toSign = Buffer.from(AsnConvert.serialize(new SignedAttributeSet(signedAttrs)));
  const signature = await opts.sign(toSign);
  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer, serialNumber }) }),
    digestAlgorithm: sha256Algorithm(),
    signedAttrs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null }),
    signature: new OctetString(signature),
  });
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([sha256Algorithm()]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet(
      [opts.certificate, ...opts.chain].map(
        (der) => new CertificateChoices({ certificate: AsnConvert.parse(der, Certificate) }),
      ),
    ),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const info = new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
  return Buffer.from(AsnConvert.serialize(info));
}

/** What a CMS signature says: its signer's certificate, the digest it signed, and whether it holds. */
export interface CmsCheck {
  certificate: CertificateInfo;
  digest: Buffer;
  /** The signature over the signed attributes verifies with the certificate's key. */
  valid: boolean;
  hasSigningCertificateV2: boolean;
}

/** Reads and checks a detached CMS SignedData with one signer (e.g. one a signing service returned). */
export function inspectCmsSignature(cms: Uint8Array): CmsCheck {
  const info = AsnConvert.parse(cms, ContentInfo);
  if (info.contentType !== id_signedData) throw new Error('not a CMS SignedData');
  const sd = AsnConvert.parse(info.content, SignedData);
  const si = sd.signerInfos[0];
  if (!si?.signedAttrs?.length) throw new Error('no signer with signed attributes');
  const sid = si.sid.issuerAndSerialNumber;
  const certs = (sd.certificates ?? []).flatMap((c) => (c.certificate ? [c.certificate] : []));
  const signerCert = certs.find(
    (c) => sid && Buffer.compare(Buffer.from(c.tbsCertificate.serialNumber), Buffer.from(sid.serialNumber)) === 0,
  );
  if (!signerCert) throw new Error("the signer's certificate is not in the signature");
  const der = Buffer.from(AsnConvert.serialize(signerCert));
  const digestAttr = si.signedAttrs.find((a) => a.attrType === id_messageDigest);
  if (!digestAttr?.attrValues[0]) throw new Error('no message-digest attribute');
  const digest = Buffer.from(AsnConvert.parse(digestAttr.attrValues[0], OctetString).buffer);
  // The signature covers the attributes as a SET OF; encoded again in the order received, a DER
  // encoding gives back exactly the bytes that were signed.
  const signedBytes = Buffer.from(AsnConvert.serialize(new SignedAttributeSet(si.signedAttrs)));
  const valid = verifyBytes(
    'sha256',
    signedBytes,
    new X509Certificate(der).publicKey,
    Buffer.from(si.signature.buffer),
  );
  return {
    certificate: certificateInfo(der),
    digest,
    valid,
    hasSigningCertificateV2: si.signedAttrs.some((a) => a.attrType === OID.signingCertificateV2),
  };
}
