import { PeerPlatform, ResolvedLink } from "../model/link";
import { ciscoIosRenderer } from "./cisco-ios";
import { h3cComwareRenderer } from "./h3c-comware";
import { h3cErRenderer } from "./h3c-er";
import { huaweiVrpRenderer } from "./huawei-vrp";
import { libreswanRenderer } from "./libreswan";
import { strongswanRenderer } from "./strongswan";
import { PeerRenderer, UnsupportedByPeerError } from "./types";

export { PeerRenderer, UnsupportedByPeerError } from "./types";

export const RENDERERS: Record<PeerPlatform, PeerRenderer> = {
    strongswan: strongswanRenderer,
    libreswan: libreswanRenderer,
    "h3c-comware": h3cComwareRenderer,
    "h3c-er": h3cErRenderer,
    "cisco-ios": ciscoIosRenderer,
    "huawei-vrp": huaweiVrpRenderer,
};

export function renderPeerConfig(platform: PeerPlatform, link: ResolvedLink): string {
    return RENDERERS[platform].render(link);
}

/**
 * Renders the link with placeholder addresses and keys, before any resource exists, to learn whether
 * `platform` can express it at all. Returns the renderer's objection, or undefined.
 */
export function peerObjection(platform: PeerPlatform, link: Omit<ResolvedLink, "tunnels" | "connectionId">, tunnelCount: number): UnsupportedByPeerError | undefined {
    const placeholder = placeholderLink(link, tunnelCount);
    try {
        RENDERERS[platform].render(placeholder);
        return undefined;
    } catch (err) {
        if (err instanceof UnsupportedByPeerError) {
            return err;
        }
        throw err;
    }
}

/**
 * What `platform` renders but cannot do for the link (e.g. follow Alibaba's master/slave switch), known
 * before any resource exists. Empty when the platform objects to the link (see peerObjection) or has no caveat.
 */
export function peerCaveats(platform: PeerPlatform, link: Omit<ResolvedLink, "tunnels" | "connectionId">, tunnelCount: number): string[] {
    const caveats = RENDERERS[platform].caveats;
    if (!caveats || peerObjection(platform, link, tunnelCount)) {
        return [];
    }
    return caveats(placeholderLink(link, tunnelCount));
}

function placeholderLink(link: Omit<ResolvedLink, "tunnels" | "connectionId">, tunnelCount: number): ResolvedLink {
    return {
        ...link,
        connectionId: "vco-placeholder",
        tunnels: (["master", "slave"] as const).slice(0, tunnelCount).map((role, i) => ({
            role,
            alibabaIp: `198.51.100.${i + 1}`,
            psk: "placeholder-placeholder-placeholder",
            alibabaId: link.profile.localId ?? `198.51.100.${i + 1}`,
            peerId: link.profile.remoteId ?? link.peerPublicIp,
        })),
    };
}
