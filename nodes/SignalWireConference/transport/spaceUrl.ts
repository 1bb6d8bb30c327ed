const DEFAULT_DOMAIN = '.signalwire.com';

function isLoopbackHost(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Turns what users type as their space ("example", "example.signalwire.com",
 * "https://example.signalwire.com/") into the origin every request goes to.
 * Plain http is only accepted on loopback, so that a local sandbox can stand in for SignalWire
 * without ever sending the API token in clear text over a network.
 */
export type SpaceOrigin = { origin: string } | { problem: string };

function problem(message: string): SpaceOrigin {
	return { problem: message };
}

export function resolveSpaceOrigin(spaceUrl: unknown): SpaceOrigin {
	const raw = String(spaceUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (raw === '') {
		return problem('Space URL is empty: enter your space, e.g. example.signalwire.com');
	}
	const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw);
	const withScheme = hasScheme
		? raw
		: 'https://' + (raw.includes('.') || raw.includes(':') ? raw : raw + DEFAULT_DOMAIN);
	const match = /^(https?):\/\/([^/?#@\s]+)$/i.exec(withScheme);
	if (!match) {
		return problem(
			`Space URL "${raw}" is not valid: use your space name, e.g. example.signalwire.com`,
		);
	}
	const scheme = match[1].toLowerCase();
	const host = match[2].toLowerCase();
	const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
	if (scheme === 'http' && !isLoopbackHost(hostname)) {
		return problem(
			'Space URL must use https:// (http:// is only allowed for localhost and 127.x.x.x)',
		);
	}
	const origin = `${scheme}://${host}`;
	const tooLong = hostname.length > 253 || hostname.split('.').some((label) => label.length > 63);
	if (tooLong || !URL.canParse(origin)) {
		return problem(
			`Space URL "${raw}" is not valid: use your space name, e.g. example.signalwire.com`,
		);
	}
	// URL drops a default port (":443") so that paging links compare equal to the origin.
	return { origin: new URL(origin).origin };
}
