import type {
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

/** The contexts that can hold binary data: the action node and the webhook trigger. */
export type BinaryContext = IExecuteFunctions | IWebhookFunctions;

export type QueryValues = Record<string, string | number | undefined>;

/** What a call acts on. */
export interface Target {
	/** Path below the account (from `paths.ts`), every dynamic segment validated and encoded. */
	resource: string;
	/** Said on a 404, e.g. 'No conference with ID "…" exists in this project.' */
	notFound?: string;
}

/** How a call is sent: the one options shape of every transport function. */
export interface CallOptions {
	/** GET when not given. */
	method?: IHttpRequestMethods;
	query?: QueryValues;
	/** Sent form-encoded. */
	form?: Record<string, string>;
	/** What a 400 or 422 quotes as sent: `form` when not given (leave a secret out of it). */
	sentValues?: Record<string, string>;
	/**
	 * Whether sending it twice does no more than sending it once (ending a conference, setting a
	 * flag): only then may a 503 or a lost connection be retried. True for GET, else false.
	 */
	idempotent?: boolean;
	/** What the user typed into password fields: sent, but never quoted back, like the token. */
	secrets?: readonly string[];
}

/** The configured space, resolved from the credentials once per call or list. */
export interface Space {
	origin: string;
	accountPath: string;
	/** Never to be quoted back: the token and the Basic auth value made from it. */
	secrets: string[];
}

/** A call as the transport carries it through its attempts. */
export interface Call extends Target, CallOptions {
	method: IHttpRequestMethods;
	itemIndex: number;
	space: Space;
	/** The space's secrets and the caller's own. */
	secrets: readonly string[];
	/** What errors call the request after "SignalWire answered", e.g. " the recording download". */
	subject?: string;
}
