import type { ErrorBody } from './format';
import { errorBody } from './format';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

export type PageResult =
	| { ok: true; envelope: Record<string, unknown> }
	| { ok: false; status: number; body: ErrorBody };

function encodeToken(offset: number): string {
	return `PA${Buffer.from(`offset:${offset}`).toString('base64url')}`;
}

function decodeToken(token: string): number | undefined {
	if (!/^P[AB]/.test(token)) return undefined;
	const decoded = Buffer.from(token.slice(2), 'base64url').toString();
	const match = /^offset:(\d+)$/.exec(decoded);
	return match ? Number(match[1]) : undefined;
}

function withQuery(path: string, params: URLSearchParams): string {
	const query = params.toString();
	return query ? `${path}?${query}` : path;
}

/**
 * SignalWire's paging envelope: Page/PageSize/PageToken in, `next_page_uri` (a path from the host
 * carrying the filters) out. Page > 0 without a PageToken is refused, as SignalWire does.
 */
export function paginate<T>(
	path: string,
	query: URLSearchParams,
	items: T[],
	listKey: string,
	toJson: (item: T) => unknown = (item) => item,
): PageResult {
	const pageSizeText = query.get('PageSize');
	const pageSize = pageSizeText === null ? DEFAULT_PAGE_SIZE : Number(pageSizeText);
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
		return {
			ok: false,
			status: 400,
			body: errorBody(400, 54454, `PageSize must be an integer between 1 and ${MAX_PAGE_SIZE}`),
		};
	}
	const pageText = query.get('Page');
	const page = pageText === null ? 0 : Number(pageText);
	if (!Number.isInteger(page) || page < 0) {
		return {
			ok: false,
			status: 400,
			body: errorBody(400, 54453, 'Page must be a non-negative integer'),
		};
	}
	const token = query.get('PageToken');
	if (page > 0 && token === null) {
		return {
			ok: false,
			status: 400,
			body: errorBody(400, 54453, 'Page number greater than 0 requires a PageToken'),
		};
	}
	let offset = 0;
	if (token !== null) {
		const decoded = decodeToken(token);
		if (decoded === undefined) {
			return { ok: false, status: 400, body: errorBody(400, 54453, 'Invalid PageToken') };
		}
		offset = decoded;
	}

	const filters = new URLSearchParams();
	for (const [name, value] of query) {
		if (name !== 'Page' && name !== 'PageSize' && name !== 'PageToken') filters.append(name, value);
	}
	const linkFor = (pageNumber: number, pageOffset: number | undefined) => {
		const params = new URLSearchParams(filters);
		params.set('PageSize', String(pageSize));
		if (pageOffset !== undefined) {
			params.set('Page', String(pageNumber));
			params.set('PageToken', encodeToken(pageOffset));
		}
		return withQuery(path, params);
	};

	// Only the page is turned into JSON: the rest of a large list costs nothing per request.
	const slice = items.slice(offset, offset + pageSize).map(toJson);
	const hasNext = offset + pageSize < items.length;
	return {
		ok: true,
		envelope: {
			uri: withQuery(path, query),
			first_page_uri: linkFor(0, undefined),
			next_page_uri: hasNext ? linkFor(page + 1, offset + pageSize) : null,
			previous_page_uri: page > 0 ? linkFor(page - 1, Math.max(0, offset - pageSize)) : null,
			page,
			page_size: pageSize,
			start: offset,
			end: offset + Math.max(slice.length - 1, 0),
			[listKey]: slice,
		},
	};
}
