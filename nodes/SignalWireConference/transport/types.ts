import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/** Every n8n context this package sends requests from. */
export type SignalWireContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export type QueryValues = Record<string, string | number | undefined>;

/** What the caller knows about the request, so that an error can say what to fix. */
export interface ErrorContext {
	itemIndex: number;
	/** Said on a 404, e.g. 'No conference with ID "…" exists in this project.' */
	notFound?: string;
	/** The form fields or filters that were sent, quoted on a 400 or 422. */
	sentValues?: Record<string, string>;
}

export interface SignalWireRequest extends ErrorContext {
	method: IHttpRequestMethods;
	/** Path below the account (from `paths.ts`), every dynamic segment already validated and encoded. */
	resource: string;
	query?: QueryValues;
	form?: Record<string, string>;
	/**
	 * Whether sending the request twice does no more than sending it once (ending a conference,
	 * setting a flag). Defaults to true for GET and false otherwise; decides what a 503 or a lost
	 * connection may retry.
	 */
	idempotent?: boolean;
}

export interface ListRequest extends Omit<SignalWireRequest, 'method' | 'form'> {
	/** The array's key in SignalWire's list envelope, e.g. "conferences". */
	listKey: string;
}

export interface ListPage {
	items: IDataObject[];
	nextPageUri: string | null;
	/** What error messages about this page must not quote. */
	secrets: string[];
}

/** One resource an operation acts on. */
export interface Target {
	/** Path below the account (from `paths.ts`). */
	resource: string;
	/** Said on a 404. */
	notFound: string;
}

/** The configured space, resolved from the credentials once per request or list. */
export interface Space {
	origin: string;
	accountPath: string;
	/** Never to be quoted back: the token and the Basic auth value made from it. */
	secrets: string[];
}

/** The contexts that can hold binary data: the action node and the webhook trigger. */
export type BinaryContext = IExecuteFunctions | IWebhookFunctions;
