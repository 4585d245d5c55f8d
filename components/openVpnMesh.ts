import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import { cidrSyntaxError, hasHostBits } from "../model/cidr";
import { Finding, assertNoErrors, formatFinding } from "../model/findings";
import { checkTopology, withoutRepeats } from "../checks";
import { renameFindingKeys } from "../model/site";
import { Topology } from "../model/topology";
import {
    DEFAULT_TUNNEL_CIDR,
    KeyDelivery,
    LegacyCompat,
    MeshClientSpec,
    OpenVpnMeshSpec,
    OpenVpnProtocol,
    ResolvedMesh,
    checkMeshPlacement,
    meshLans,
    resolveMesh,
    validateMesh,
} from "../model/openvpn";
import { ServerKeySource, configDigest, formatStaticKey, renderCcd, renderClientConfig, renderClientSetup, renderReconfigureScript, renderServerConfig, renderUserData } from "../renderers/openvpn";

/** A security group rule the user asks for besides the OpenVPN port (e.g. SSH from an office). */
export interface IngressRuleSpec {
    /** tcp, udp, icmp or all. */
    protocol: string;
    /** "22/22" for tcp/udp; omitted (-1/-1) for icmp and all. */
    portRange?: string;
    cidr: string;
    description?: string;
}

export interface OpenVpnMeshArgs {
    /** The server VPC; its block is pushed to every client. Plain: the checks need it before anything exists. */
    vpcCidr: string;
    vpcId: pulumi.Input<string>;
    /** The vSwitch of the server instance. */
    vswitchId: pulumi.Input<string>;
    /** The VPC route table that gets the entries toward the instance. */
    routeTableId: pulumi.Input<string>;
    imageId: pulumi.Input<string>;
    /** e.g. "ecs.e-c1m2.large". */
    instanceType: pulumi.Input<string>;
    /** A fixed private address in the vSwitch (the seed's server is 172.31.24.222). */
    privateIp?: pulumi.Input<string>;
    /** Public bandwidth, Mbit/s (1..100): the instance needs a public IP for the clients. Default 5. */
    internetMaxBandwidthOut?: number;
    /** Default "cloud_essd". */
    systemDiskCategory?: pulumi.Input<string>;
    /** An ECS key pair for SSH (add an SSH rule in extraIngress too). */
    keyName?: pulumi.Input<string>;

    clients: MeshClientSpec[];
    /** Default 10.8.0.0/24. */
    tunnelCidr?: string;
    /** Default 1194. */
    port?: number;
    /** Default "udp". */
    proto?: OpenVpnProtocol;
    /** Open the OpenVPN port to 0.0.0.0/0 when a client has no fixed public IP. Default false. */
    allowAnySource?: boolean;
    /** Seed 003's AES-256-CBC + comp-lzo for old clients; a warning. Default off. */
    legacyCompat?: LegacyCompat;
    /** Default "oos-secret-parameter"; "user-data" embeds the server keys in the user data (a warning). */
    keyDelivery?: KeyDelivery;
    /**
     * Sources allowed to send any traffic into the instance. Packets from VPC hosts to the remote LANs
     * enter through the instance's NIC and its security group filters them like traffic to the instance
     * itself. Default: [vpcCidr]; [] to manage that yourself.
     */
    forwardFrom?: string[];
    extraIngress?: IngressRuleSpec[];
    /** CA and certificate lifetimes, hours. Default 10 years for the CA, 2 years for the others. */
    caValidityHours?: number;
    certValidityHours?: number;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** The dotted prefix of the user's config, for error messages. Default: the mesh's name. */
    configPath?: string;
    /** The dotted prefix of the server instance's settings (bandwidth) in the user's config. Default: configPath. */
    serverConfigPath?: string;
    /** The server vSwitch's block and name, when known: the whole-topology pass checks VPC routes from it. Default: the VPC block. */
    vswitchCidr?: string;
    vswitchName?: string;
    /** The region, for messages and the topology picture. */
    region?: string;
    /** How error messages name keys when the arguments were built from a config of another shape (see VpnSite). */
    keyPaths?: { [argumentPath: string]: string };
}

/** Cloud Assistant's limit for one run of the reconfiguration script, seconds (the provider's default is 60). */
const RECONFIGURE_TIMEOUT_SECONDS = 1200;

export interface ClientBundle {
    /** The inline client config (holds the client's private key). */
    ovpn: string;
    /** Shell commands for the client VM: install, forwarding, cloud-side notes. */
    setup: string;
}

const SG_PROTOCOLS = ["tcp", "udp", "icmp", "all"];

/** "192.168.0.0/24" -> "192-168-0-0-24", for resource names. */
function slug(text: string): string {
    return text.replace(/[./]/g, "-");
}

function specOf(name: string, args: OpenVpnMeshArgs): OpenVpnMeshSpec {
    return {
        name,
        serverVpcCidr: args.vpcCidr,
        tunnelCidr: args.tunnelCidr,
        port: args.port,
        proto: args.proto,
        clients: args.clients,
        allowAnySource: args.allowAnySource,
        legacyCompat: args.legacyCompat,
        keyDelivery: args.keyDelivery,
    };
}

/**
 * Every finding about a mesh, from plain values only. Stacks call it before declaring any resource;
 * the component calls it again.
 */
export function checkOpenVpnMesh(name: string, args: OpenVpnMeshArgs): Finding[] {
    const path = args.configPath ?? name;
    const findings = [...meshElementFindings(name, args, path), ...meshPlacementFindings(name, args, path)];
    // The network the mesh makes (overlaps of LANs, pool and VPC, Docker's bridge, routes to the instance), once.
    findings.push(...withoutRepeats(findings, checkTopology(openVpnMeshTopology(name, args), { elements: false })));
    return renameFindingKeys(findings, args.keyPaths ?? {});
}

/**
 * The planned network of a mesh: the server's VPC, each client's cloud as an external site, the tunnel pool, and
 * the VPC routes OpenVpnMesh creates (every client LAN and the pool to the instance). The checks read it.
 */
export function openVpnMeshTopology(name: string, args: OpenVpnMeshArgs): Topology {
    const path = args.configPath ?? name;
    const instance = `${name}-server`;
    const lans = args.clients.map((client, i) => ({
        client,
        networks: client.lans.map((cidr, j) => ({ cidr, field: `${path}.clients[${i}].lans[${j}]` })),
    }));
    const pool = { cidr: args.tunnelCidr ?? DEFAULT_TUNNEL_CIDR, field: `${path}.tunnelCidr` };
    return {
        name: path,
        sites: [
            {
                kind: "alibaba",
                name,
                region: args.region ?? "",
                vpc: { cidr: args.vpcCidr, field: `${path}.vpcCidr` },
                vswitches: args.vswitchCidr ? [{ name: args.vswitchName ?? `${name}-vswitch`, cidr: args.vswitchCidr, field: `${path}.vswitchCidr` }] : [],
            },
            ...lans.map(({ client, networks }) => ({ kind: "external" as const, name: client.name, networks })),
        ],
        connections: [],
        vpcRoutes: [...lans.flatMap(({ networks }) => networks), pool].map((block) => ({
            site: name,
            destination: block.cidr,
            field: block.field,
            nextHop: { kind: "instance" as const, instance },
        })),
        gatewayRoutes: [],
        tunnelPools: [{ name, site: name, instance, pool, clients: lans.map(({ client, networks }) => ({ name: client.name, site: client.name, networks })) }],
        wellKnownRanges: [],
    };
}

/** The server's VPC, vSwitch and private address (checkMeshPlacement), named as the component's arguments are. */
function meshPlacementFindings(name: string, args: OpenVpnMeshArgs, path: string): Finding[] {
    if (args.vswitchCidr === undefined) {
        return [];
    }
    const privateIp = typeof args.privateIp === "string" ? args.privateIp : undefined;
    const findings = checkMeshPlacement({ vpcCidr: args.vpcCidr, vswitch: { cidr: args.vswitchCidr }, privateIp }, path, name);
    return renameFindingKeys(findings, { [`${path}.vswitch.cidr`]: `${path}.vswitchCidr`, [`${path}.server.privateIp`]: `${args.serverConfigPath ?? path}.privateIp` });
}

function meshElementFindings(name: string, args: OpenVpnMeshArgs, path: string): Finding[] {
    const findings = validateMesh(specOf(name, args), path);
    const bandwidth = args.internetMaxBandwidthOut ?? 5;
    const bandwidthField = `${args.serverConfigPath ?? path}.internetMaxBandwidthOut`;
    if (!Number.isInteger(bandwidth) || bandwidth < 1 || bandwidth > 100) {
        findings.push({
            severity: "error",
            code: "mesh.bad-bandwidth",
            site: name,
            field: bandwidthField,
            value: bandwidth,
            allowed: "1 to 100 (Mbit/s)",
            message: "the clients reach the server at its public IP, which ECS assigns only with a public bandwidth of 1 to 100 Mbit/s.",
            fix: `set ${bandwidthField} to 5 (the smallest useful value for a mesh of a few VMs).`,
        });
    }
    (args.forwardFrom ?? []).forEach((cidr, i) => findings.push(...cidrFindings(name, `${path}.forwardFrom[${i}]`, cidr)));
    (args.extraIngress ?? []).forEach((rule, i) => findings.push(...ingressFindings(name, `${path}.extraIngress[${i}]`, rule)));
    return findings;
}

function cidrFindings(site: string, field: string, cidr: string): Finding[] {
    const problem = cidrSyntaxError(cidr) ?? (hasHostBits(cidr) ? "host bits are set" : undefined);
    return problem
        ? [{ severity: "error", code: "mesh.bad-rule-cidr", site, field, value: cidr, message: `${problem}.`, fix: `write a network block such as 203.0.113.0/28.` }]
        : [];
}

function ingressFindings(site: string, field: string, rule: IngressRuleSpec): Finding[] {
    const findings = cidrFindings(site, `${field}.cidr`, rule.cidr);
    if (!SG_PROTOCOLS.includes(rule.protocol)) {
        findings.push({ severity: "error", code: "mesh.bad-rule-protocol", site, field: `${field}.protocol`, value: rule.protocol, allowed: SG_PROTOCOLS.join(", "), message: "not a security group protocol.", fix: `set ${field}.protocol to tcp, udp, icmp or all.` });
    }
    const ported = rule.protocol === "tcp" || rule.protocol === "udp";
    const match = /^(\d{1,5})\/(\d{1,5})$/.exec(rule.portRange ?? "");
    const portsOk = ported ? !!match && Number(match[1]) >= 1 && Number(match[1]) <= Number(match[2]) && Number(match[2]) <= 65535 : rule.portRange === undefined || rule.portRange === "-1/-1";
    if (!portsOk) {
        findings.push({
            severity: "error",
            code: "mesh.bad-rule-ports",
            site,
            field: `${field}.portRange`,
            value: rule.portRange,
            allowed: ported ? '"first/last" with 1 <= first <= last <= 65535' : "none (-1/-1)",
            message: ported ? "tcp and udp rules need a port range." : "icmp and all rules take no ports.",
            fix: ported ? `set ${field}.portRange, e.g. "22/22".` : `remove ${field}.portRange.`,
        });
    }
    return findings;
}

/**
 * The OpenVPN mesh of seed 003 as one component: an ECS instance running the OpenVPN server, a security
 * group opening the OpenVPN port to the named peers only, VPC route entries sending every remote LAN and
 * the tunnel pool to the instance, a PKI (@pulumi/tls, ECDSA P-256), a tls-crypt key, and one client
 * bundle per node.
 *
 * Key delivery: by default the server's private key and tls-crypt key go to two OOS secret parameters
 * (KMS-encrypted at rest); the instance gets a RAM role allowed to read exactly those two, and its user
 * data fetches them at boot. User data is readable by anyone with ecs:DescribeUserData and by every
 * process on the instance through the metadata service, so keys are embedded there only with
 * `keyDelivery: "user-data"` (a warning). Client keys never reach the server: they exist only in state
 * (secret) and in the client bundles (secret outputs).
 */
export class OpenVpnMesh extends pulumi.ComponentResource {
    readonly securityGroup: alicloud.ecs.SecurityGroup;
    readonly securityGroupRules: alicloud.ecs.SecurityGroupRule[];
    readonly instance: alicloud.ecs.Instance;
    readonly routes: alicloud.vpc.RouteEntry[];
    /** The Cloud Assistant command that reconfigures the running server (its name carries the config digest). */
    readonly configCommand: alicloud.ecs.Command;
    /** Its run on the server instance; replaced, and so run again, whenever the command is. */
    readonly configInvocation: alicloud.ecs.EcsInvocation;

    readonly instanceId: pulumi.Output<string>;
    readonly publicIp: pulumi.Output<string>;
    readonly privateIp: pulumi.Output<string>;
    readonly caCertPem: pulumi.Output<string>;
    /** Per client: the inline .ovpn and the setup commands (secret). */
    readonly clientBundles: pulumi.Output<{ [client: string]: ClientBundle }>;
    /** The user data (secret when it embeds the keys). */
    readonly userData: pulumi.Output<string>;
    /** The checks' warnings, one line each (also sent to pulumi.log.warn). */
    readonly warnings: pulumi.Output<string[]>;

    // Plain values for stacks, tools and tests: getters, because Pulumi's schema analyzer reads every property
    // of a component as an output.
    /** server.conf (no secrets: it names the key files). */
    get serverConfig(): string {
        return meshDetails.get(this)!.serverConfig;
    }
    /** ccd file contents by client name. */
    get ccdFiles(): Record<string, string> {
        return meshDetails.get(this)!.ccdFiles;
    }
    /** The script Cloud Assistant runs on the server when server.conf or the ccd files change (no secrets). */
    get reconfigureScript(): string {
        return meshDetails.get(this)!.reconfigureScript;
    }
    get mesh(): ResolvedMesh {
        return meshDetails.get(this)!.mesh;
    }
    /** Warnings the checks raised (also sent to pulumi.log.warn). */
    get findings(): readonly Finding[] {
        return meshDetails.get(this)!.findings;
    }

    constructor(name: string, args: OpenVpnMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super(), like the IPsec components: a refused mesh registers nothing at all.
        const warnings = assertNoErrors(checkOpenVpnMesh(name, args));
        super("alicloud-vpn:index:OpenVpnMesh", name, {}, opts);
        const details: Partial<MeshDetails> = { findings: warnings };
        meshDetails.set(this, details as MeshDetails);
        this.warnings = pulumi.output(warnings.map(formatFinding));
        this.findings.forEach((w) => pulumi.log.warn(formatFinding(w), this));
        const mesh = resolveMesh(specOf(name, args));
        details.mesh = mesh;
        const child = { parent: this };

        const pki = this.createPki(name, mesh, args);
        // 256 random bytes, OpenVPN's static key format (docs/notes.md); RandomBytes marks hex/base64 secret.
        const tlsCryptKey = pulumi.secret(new random.RandomBytes(`${name}-tls-crypt`, { length: 256 }, child).hex.apply(formatStaticKey));

        this.securityGroup = new alicloud.ecs.SecurityGroup(
            `${name}-sg`,
            { securityGroupName: `${name}-openvpn`, vpcId: args.vpcId, description: `OpenVPN server of mesh ${name}`, securityGroupType: "normal", tags: args.tags },
            child,
        );
        this.securityGroupRules = this.createRules(name, mesh, args);

        const delivery = this.deliverKeys(name, mesh, args, pki.serverKeyPem, tlsCryptKey);
        const userData = pulumi
            .all([pki.caCertPem, pki.serverCertPem, delivery.keys])
            .apply(([caCertPem, serverCertPem, keys]) => renderUserData(mesh, { caCertPem, serverCertPem, keys }));
        this.userData = mesh.keyDelivery === "user-data" ? pulumi.secret(userData) : userData;

        this.instance = new alicloud.ecs.Instance(
            `${name}-server`,
            {
                instanceName: `${name}-openvpn`,
                hostName: `${name}-openvpn`,
                description: `OpenVPN server of mesh ${name} (alicloud-vpn)`,
                imageId: args.imageId,
                instanceType: args.instanceType,
                vswitchId: args.vswitchId,
                securityGroups: [this.securityGroup.id],
                privateIp: args.privateIp,
                internetMaxBandwidthOut: args.internetMaxBandwidthOut ?? 5,
                internetChargeType: "PayByTraffic",
                instanceChargeType: "PostPaid",
                systemDiskCategory: args.systemDiskCategory ?? "cloud_essd",
                keyName: args.keyName,
                userData: this.userData,
                tags: args.tags,
            },
            // The secret parameters and the role's permission exist before the instance boots; only the
            // role attachment follows the instance (it needs the instance id): the user data retries.
            {
                parent: this,
                dependsOn: delivery.before,
                additionalSecretOutputs: mesh.keyDelivery === "user-data" ? ["userData"] : [],
                // The user data configures the first boot only (cloud-init runs it once); later client changes
                // reach the server through the Cloud Assistant push below. Updating it would reboot the
                // instance ("If updated, the instance will reboot", @pulumi/alicloud ecs/instance.d.ts) and
                // change nothing on it, so a changed client list must not touch it.
                ignoreChanges: ["userData"],
            },
        );
        const roleAttachment = delivery.attach(this.instance);
        details.reconfigureScript = renderReconfigureScript(mesh);
        ({ command: this.configCommand, invocation: this.configInvocation } = this.pushConfig(name, this.reconfigureScript, roleAttachment));

        this.routes = this.createRoutes(name, mesh, args);
        this.instanceId = this.instance.id;
        this.publicIp = this.instance.publicIp;
        this.privateIp = this.instance.privateIp;
        this.caCertPem = pki.caCertPem;
        details.serverConfig = renderServerConfig(mesh);
        details.ccdFiles = Object.fromEntries(mesh.clients.map((c) => [c.name, renderCcd(c)]));
        this.clientBundles = pulumi.secret(
            pulumi.all([this.publicIp, pki.caCertPem, tlsCryptKey, pulumi.all(pki.clients)]).apply(([serverAddress, caCertPem, tlsKey, clients]) =>
                Object.fromEntries(
                    mesh.clients.map((client, i) => [
                        client.name,
                        {
                            ovpn: renderClientConfig(mesh, client, { serverAddress, caCertPem, certPem: clients[i].certPem, keyPem: clients[i].keyPem, tlsCryptKey: tlsKey }),
                            setup: renderClientSetup(mesh, client),
                        },
                    ]),
                ),
            ),
        );

        this.registerOutputs({
            instanceId: this.instanceId,
            publicIp: this.publicIp,
            privateIp: this.privateIp,
            securityGroupId: this.securityGroup.id,
            caCertPem: this.caCertPem,
            clientBundles: this.clientBundles,
        });
    }

    /** CA, server certificate (server_auth) and one client certificate per node (client_auth), all ECDSA P-256. */
    private createPki(name: string, mesh: ResolvedMesh, args: OpenVpnMeshArgs) {
        const child = { parent: this };
        // @pulumi/tls defaults ecdsaCurve to P224, which OpenSSL 3 security levels and many peers reject.
        const key = (keyName: string) => new tls.PrivateKey(keyName, { algorithm: "ECDSA", ecdsaCurve: "P256" }, child);
        const caKey = key(`${name}-ca-key`);
        const ca = new tls.SelfSignedCert(
            `${name}-ca`,
            {
                privateKeyPem: caKey.privateKeyPem,
                subject: { commonName: `${name} OpenVPN CA`, organization: "alicloud-vpn" },
                isCaCertificate: true,
                // snake_case: the provider's spelling (docs/notes.md).
                allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
                validityPeriodHours: args.caValidityHours ?? 24 * 365 * 10,
            },
            child,
        );
        // remote-cert-tls checks the EKU and that a key usage is present: digital_signature is that bit for ECDSA.
        const leaf = (leafName: string, commonName: string, use: "server_auth" | "client_auth") => {
            const leafKey = key(`${leafName}-key`);
            const request = new tls.CertRequest(`${leafName}-csr`, { privateKeyPem: leafKey.privateKeyPem, subject: { commonName, organization: "alicloud-vpn" } }, child);
            const cert = new tls.LocallySignedCert(
                `${leafName}-cert`,
                {
                    certRequestPem: request.certRequestPem,
                    caPrivateKeyPem: caKey.privateKeyPem,
                    caCertPem: ca.certPem,
                    allowedUses: ["digital_signature", use],
                    validityPeriodHours: args.certValidityHours ?? 24 * 365 * 2,
                },
                child,
            );
            return { certPem: cert.certPem, keyPem: pulumi.secret(leafKey.privateKeyPem) };
        };
        const server = leaf(`${name}-server`, mesh.serverCommonName, "server_auth");
        const clients = mesh.clients.map((c) => {
            const issued = leaf(`${name}-client-${c.name}`, c.name, "client_auth");
            return pulumi.all([issued.certPem, issued.keyPem]).apply(([certPem, keyPem]) => ({ certPem, keyPem }));
        });
        return { caCertPem: ca.certPem, serverCertPem: server.certPem, serverKeyPem: server.keyPem, clients };
    }

    /** The OpenVPN port from each named peer, forwarded traffic from the VPC, and the user's rules. */
    private createRules(name: string, mesh: ResolvedMesh, args: OpenVpnMeshArgs): alicloud.ecs.SecurityGroupRule[] {
        const rule = (ruleName: string, protocol: string, portRange: string, cidr: string, description: string) =>
            new alicloud.ecs.SecurityGroupRule(
                ruleName,
                {
                    securityGroupId: this.securityGroup.id,
                    type: "ingress",
                    ipProtocol: protocol,
                    portRange,
                    cidrIp: cidr,
                    // VPC security groups take intranet rules only (the provider's default is internet).
                    nicType: "intranet",
                    policy: "accept",
                    priority: 1,
                    description,
                },
                { parent: this },
            );
        const port = `${mesh.port}/${mesh.port}`;
        const rules = mesh.clients
            .filter((c) => c.publicIp !== undefined)
            .map((c) => rule(`${name}-sg-openvpn-${c.name}`, mesh.proto, port, `${c.publicIp}/32`, `OpenVPN from ${c.name}`));
        if (mesh.allowAnySource && mesh.clients.some((c) => c.publicIp === undefined)) {
            rules.push(rule(`${name}-sg-openvpn-any`, mesh.proto, port, "0.0.0.0/0", "OpenVPN from clients without a fixed IP (allowAnySource)"));
        }
        for (const cidr of args.forwardFrom ?? [mesh.serverVpcCidr]) {
            rules.push(rule(`${name}-sg-forward-${slug(cidr)}`, "all", "-1/-1", cidr, `Traffic from ${cidr} forwarded to the mesh`));
        }
        (args.extraIngress ?? []).forEach((r, i) =>
            rules.push(rule(`${name}-sg-extra-${i}`, r.protocol, r.portRange ?? "-1/-1", r.cidr, r.description ?? `extraIngress[${i}]`)),
        );
        return rules;
    }

    /**
     * Where the server keys go. OOS secret parameters + a RAM role (default), or the user data (opt-in).
     * Returns the key source for the user data, what the instance must wait for, and the role attachment.
     */
    private deliverKeys(name: string, mesh: ResolvedMesh, args: OpenVpnMeshArgs, serverKeyPem: pulumi.Output<string>, tlsCryptKey: pulumi.Output<string>) {
        if (mesh.keyDelivery === "user-data") {
            const keys: pulumi.Output<ServerKeySource> = pulumi.all([serverKeyPem, tlsCryptKey]).apply(([key, tlsKey]) => ({ kind: "user-data" as const, serverKeyPem: key, tlsCryptKey: tlsKey }));
            return { keys, before: [] as pulumi.Resource[], attach: (_: alicloud.ecs.Instance) => undefined };
        }
        const child = { parent: this };
        const prefix = `openvpn-mesh/${name}`;
        const parameter = (suffix: string, value: pulumi.Output<string>, description: string) =>
            new alicloud.oos.SecretParameter(
                `${name}-${suffix}`,
                { secretParameterName: `${prefix}/${suffix}`, value: pulumi.secret(value), type: "Secret", description, tags: args.tags },
                // The SDK already keeps `value` secret in outputs (additionalSecretOutputs); the input is wrapped above.
                { parent: this },
            );
        const serverKey = parameter("server-key", serverKeyPem, `OpenVPN server private key of mesh ${name}`);
        const tlsCrypt = parameter("tls-crypt-key", tlsCryptKey, `OpenVPN tls-crypt key of mesh ${name}`);
        const roleName = `${name}-openvpn-server`.slice(0, 64);
        const role = new alicloud.ram.Role(
            `${name}-server-role`,
            {
                roleName,
                description: `Lets the OpenVPN server of mesh ${name} read its keys`,
                // ECS instance RAM roles trust the ECS service (AttachInstanceRamRole refuses other roles).
                assumeRolePolicyDocument: JSON.stringify({ Version: "1", Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["ecs.aliyuncs.com"] } }] }),
            },
            child,
        );
        const policy = new alicloud.ram.Policy(
            `${name}-read-keys`,
            {
                policyName: `${name}-openvpn-read-keys`.slice(0, 128),
                description: `Read the two OOS secret parameters of mesh ${name}`,
                policyDocument: pulumi.all([serverKey.secretParameterName, tlsCrypt.secretParameterName]).apply(([a, b]) =>
                    JSON.stringify({
                        Version: "1",
                        Statement: [
                            { Effect: "Allow", Action: ["oos:GetSecretParameter"], Resource: [`acs:oos:*:*:secretparameter/${a}`, `acs:oos:*:*:secretparameter/${b}`] },
                            // GetSecretParameter "requires permission to call KMS GetSecretValue" (OOS API reference);
                            // the parameters use OOS's default service key. Narrow this if you pass your own keyId.
                            { Effect: "Allow", Action: ["kms:GetSecretValue", "kms:Decrypt"], Resource: "*" },
                        ],
                    }),
                ),
            },
            child,
        );
        const grant = new alicloud.ram.RolePolicyAttachment(`${name}-read-keys`, { roleName: role.roleName, policyName: policy.policyName, policyType: "Custom" }, child);
        const keys: pulumi.Output<ServerKeySource> = pulumi
            .all([serverKey.secretParameterName, tlsCrypt.secretParameterName, role.roleName])
            .apply(([serverKeyParameter, tlsCryptParameter, ramRoleName]) => ({ kind: "oos-secret-parameter" as const, serverKeyParameter, tlsCryptParameter, ramRoleName }));
        return {
            keys,
            before: [serverKey, tlsCrypt, grant] as pulumi.Resource[],
            attach: (instance: alicloud.ecs.Instance) =>
                // The instance's own `roleName` argument is deprecated in the provider; this is its replacement.
                new alicloud.ecs.RamRoleAttachment(`${name}-server-role`, { instanceId: instance.id, ramRoleName: role.roleName }, { parent: this, dependsOn: [grant] }),
        };
    }

    /**
     * How a change reaches the running server. cloud-init runs the user data at first boot only: after that,
     * a new client list changes the instance's user data but not the server's files. So the same server.conf
     * and ccd files also go out as a Cloud Assistant command run on the instance.
     *
     * What forces the re-run: in the provider every argument of alicloud_ecs_command is ForceNew (it has no
     * update) and so are command_id and instance_id of alicloud_ecs_invocation, whose create runs the
     * command (InvokeCommand) and waits for Success, failing on Failed/PartialFailed/Stopped (terraform-provider-
     * alicloud, resource_alicloud_ecs_command.go and resource_alicloud_ecs_invocation.go). The command's content is the script, and its name
     * carries the script's digest; a changed server.conf or ccd file, or a client added or removed, changes
     * both, so `pulumi up` replaces the command, then the invocation (new command id), which runs the script
     * once on the instance. An unchanged configuration gives the same name and content: nothing runs. A new
     * instance (new id) gets a new invocation too; its script waits for cloud-init and finds nothing to change.
     */
    private pushConfig(name: string, script: string, after: pulumi.Resource | undefined) {
        const digest = configDigest(script);
        const command = new alicloud.ecs.Command(
            `${name}-config`,
            {
                name: `${name}-openvpn-config-${digest}`,
                description: `Writes server.conf and the ccd files of OpenVPN mesh ${name} and restarts openvpn-server@${name} (alicloud-vpn)`,
                // CreateCommand takes the script Base64-encoded; no secret in it (keys stay in OOS or the user data).
                commandContent: Buffer.from(script, "utf8").toString("base64"),
                type: "RunShellScript",
                workingDir: "/root",
                // On a new instance the script first waits for cloud-init (apt-get, the key fetch retries for up to 10 min).
                timeout: RECONFIGURE_TIMEOUT_SECONDS,
            },
            { parent: this },
        );
        const invocation = new alicloud.ecs.EcsInvocation(
            `${name}-config`,
            { commandId: command.id, instanceIds: [this.instance.id], repeatMode: "Once" },
            {
                parent: this,
                // The role attachment lets the first boot read its keys, which the script waits for.
                dependsOn: after ? [after] : [],
                // The provider waits for the run to succeed (default 1 minute); the script may wait for cloud-init.
                customTimeouts: { create: `${RECONFIGURE_TIMEOUT_SECONDS / 60 + 5}m` },
            },
        );
        return { command, invocation };
    }

    /** VPC route entries: every remote LAN and the tunnel pool to the instance (next hop type Instance). */
    private createRoutes(name: string, mesh: ResolvedMesh, args: OpenVpnMeshArgs): alicloud.vpc.RouteEntry[] {
        const destinations = [...meshLans(mesh).filter((l) => l.owner !== "server"), { cidr: mesh.tunnelCidr, owner: "tunnel" }];
        return destinations.map(
            ({ cidr, owner }) =>
                new alicloud.vpc.RouteEntry(
                    `${name}-route-${slug(cidr)}`,
                    {
                        routeTableId: args.routeTableId,
                        destinationCidrblock: cidr,
                        nexthopType: "Instance",
                        nexthopId: this.instance.id,
                        name: `${name}-${slug(cidr)}`,
                        description: owner === "tunnel" ? `OpenVPN tunnel pool of ${name}` : `LAN of ${owner} through OpenVPN server ${name}`,
                    },
                    { parent: this },
                ),
        );
    }
}

interface MeshDetails {
    serverConfig: string;
    ccdFiles: Record<string, string>;
    reconfigureScript: string;
    mesh: ResolvedMesh;
    findings: readonly Finding[];
}

const meshDetails = new WeakMap<OpenVpnMesh, MeshDetails>();
