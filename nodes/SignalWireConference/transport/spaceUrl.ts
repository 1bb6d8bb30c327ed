const DEFAULT_DOMAIN = '.signalwire.com';

function isLoopbackHost(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Turns what users type as their space ("example", "example.signalwire.com",
 * "example.signalwire.com:443", "https://example.signalwire.com/") into the origin every request
 * goes to. Plain http is only accepted on loopback, so that a local sandbox can stand in for
 * SignalWire without ever sending the API token in clear text over a network.
 */
export type SpaceOrigin = { origin: string } | { problem: string };

/**
 * The whole grammar accepted: an optional http(s) scheme, a host name (letters, digits, hyphens,
 * dots) or a bracketed IPv6 address, an optional port. Everything else is refused rather than
 * handed to a URL parser that would read it differently: a backslash is a path separator to
 * WHATWG parsers ("https://evil.com\example.signalwire.com" is evil.com), "@" starts user info,
 * and "host:port" without a scheme would be read as a scheme.
 */
const SPACE_URL =
	/^(?:(https?):\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\[::1\])(?::(\d{1,5}))?$/i;

/**
 * A host whose last label is a number is an IPv4 address to URL parsers, which also read forms
 * such as "0x7f000001", "2130706433" or "127.1"; only the plain dotted quad is accepted.
 */
function isAmbiguousNumericHost(hostname: string): boolean {
	const labels = hostname.split('.');
	if (!/^(0x[0-9a-f]*|\d+)$/i.test(labels[labels.length - 1])) return false;
	return !(
		labels.length === 4 &&
		labels.every((label) => /^(0|[1-9]\d{0,2})$/.test(label) && Number(label) <= 255)
	);
}

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
	const invalid = problem(
		`Space URL "${raw.slice(0, 100)}" is not valid: use your space name, e.g. example.signalwire.com`,
	);
	const match = SPACE_URL.exec(raw);
	if (!match) return invalid;
	const scheme = (match[1] ?? 'https').toLowerCase();
	const typedHost = match[2].toLowerCase();
	const hostname =
		match[1] === undefined && match[3] === undefined && !typedHost.includes('.')
			? typedHost + DEFAULT_DOMAIN
			: typedHost;
	const portNumber = match[3] === undefined ? undefined : Number(match[3]);
	if (portNumber !== undefined && (portNumber < 1 || portNumber > 65535)) return invalid;
	if (isAmbiguousNumericHost(hostname)) return invalid;
	const defaultPort = scheme === 'https' ? 443 : 80;
	// A default port (":443") is dropped so that paging links compare equal to the origin.
	const port = portNumber === undefined || portNumber === defaultPort ? '' : `:${portNumber}`;
	if (scheme === 'http' && !isLoopbackHost(hostname)) {
		return problem(
			'Space URL must use https:// (http:// is only allowed for localhost and 127.x.x.x)',
		);
	}
	const origin = `${scheme}://${hostname}${port}`;
	if (hostname.length > 253 || !URL.canParse(origin)) return invalid;
	// Belt and braces: a URL parser that reads the host differently would send requests elsewhere.
	if (new URL(origin).origin !== origin) return invalid;
	return { origin };
}
