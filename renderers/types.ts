import { PeerPlatform, ResolvedLink } from "../model/link";

/** A pure function from a resolved link to the text an engineer loads on the peer device. */
export type Renderer = (link: ResolvedLink) => string;

export interface PeerRenderer {
    platform: PeerPlatform;
    /** What the file is, for the plan's report, e.g. "strongSwan swanctl.conf". */
    title: string;
    /** File name the plan writes, e.g. "office.swanctl.conf". */
    fileName: (link: ResolvedLink) => string;
    render: Renderer;
    /**
     * What the rendered file cannot do for this link although it renders (e.g. a dual-tunnel link whose
     * outbound traffic cannot follow Alibaba's master/slave switch). Checks report them as warnings.
     */
    caveats?: (link: ResolvedLink) => string[];
}

/** Thrown when the peer platform cannot express the link (e.g. IKEv2 on an H3C ER router). */
export class UnsupportedByPeerError extends Error {
    constructor(
        readonly platform: PeerPlatform,
        readonly field: string,
        readonly value: unknown,
        readonly fix: string,
    ) {
        super(`${platform} cannot do ${field} = ${JSON.stringify(value)}. Fix: ${fix}`);
        this.name = "UnsupportedByPeerError";
    }
}
