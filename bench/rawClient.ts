import { ACCOUNT_PATH, AUTHORIZATION, PAGE_SIZE } from './constants';

/** The part of fetch the raw loops use, so that other transports (httpsClient.ts) can stand in. */
export type Send = (
	url: string,
	init: { method?: string; headers: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; json: () => Promise<unknown> }>;

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
	send: Send = fetch,
): Promise<{ items: unknown[]; requests: number }> {
	const items: unknown[] = [];
	let requests = 0;
	let url: string | null = `${origin}${ACCOUNT_PATH}/Conferences.json?PageSize=${PAGE_SIZE}`;
	while (url !== null) {
		const response = await send(url, {
			headers: { Authorization: AUTHORIZATION, Accept: 'application/json' },
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
	send: Send = fetch,
): Promise<{ results: unknown[]; requests: number }> {
	const results = new Array<unknown>(sids.length);
	let next = 0;
	let requests = 0;
	const worker = async () => {
		while (next < sids.length) {
			const index = next++;
			const response = await send(`${origin}${ACCOUNT_PATH}/Conferences/${sids[index]}.json`, {
				method: 'POST',
				headers: {
					Authorization: AUTHORIZATION,
					Accept: 'application/json',
					'Content-Type': 'application/x-www-form-urlencoded',
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
