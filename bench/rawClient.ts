import { ACCOUNT_PATH, AUTHORIZATION, PAGE_SIZE } from './constants';

/**
 * How the raw loop uses connections: `keep-alive` is fetch's own default (one pool per origin,
 * connections reused); `close` asks for a new connection per request (`Connection: close`), as
 * n8n's request helper does, so that the two differ only in that.
 */
export type RawConnection = 'keep-alive' | 'close';

function connectionHeader(connection: RawConnection): Record<string, string> {
	return connection === 'close' ? { Connection: 'close' } : {};
}

interface ListEnvelope {
	conferences?: unknown[];
	next_page_uri?: string | null;
}

/**
 * The baseline: a plain fetch loop over the list, PageSize=1000, following `next_page_uri` from
 * the JSON envelope, Basic auth, collecting every conference into one array.
 */
export async function rawListAll(
	origin: string,
	connection: RawConnection = 'keep-alive',
): Promise<{ items: unknown[]; requests: number }> {
	const items: unknown[] = [];
	let requests = 0;
	let url: string | null = `${origin}${ACCOUNT_PATH}/Conferences.json?PageSize=${PAGE_SIZE}`;
	while (url !== null) {
		const response = await fetch(url, {
			headers: {
				Authorization: AUTHORIZATION,
				Accept: 'application/json',
				...connectionHeader(connection),
			},
		});
		requests++;
		if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
		const body = (await response.json()) as ListEnvelope;
		for (const conference of body.conferences ?? []) items.push(conference);
		url = body.next_page_uri ? new URL(body.next_page_uri, origin).href : null;
	}
	return { items, requests };
}

/** The same updates the node sends, `parallel` at a time, as a reference for the server's own floor. */
export async function rawUpdateAll(
	origin: string,
	sids: string[],
	parallel: number,
	form: Record<string, string>,
	connection: RawConnection = 'keep-alive',
): Promise<{ results: unknown[]; requests: number }> {
	const results = new Array<unknown>(sids.length);
	let next = 0;
	let requests = 0;
	const worker = async () => {
		while (next < sids.length) {
			const index = next++;
			const response = await fetch(`${origin}${ACCOUNT_PATH}/Conferences/${sids[index]}.json`, {
				method: 'POST',
				headers: {
					Authorization: AUTHORIZATION,
					Accept: 'application/json',
					'Content-Type': 'application/x-www-form-urlencoded',
					...connectionHeader(connection),
				},
				body: new URLSearchParams(form).toString(),
			});
			requests++;
			if (!response.ok) throw new Error(`POST ${sids[index]} answered ${response.status}`);
			results[index] = await response.json();
		}
	};
	await Promise.all(Array.from({ length: parallel }, worker));
	return { results, requests };
}
