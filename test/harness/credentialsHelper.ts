import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/**
 * Serves decrypted credentials to n8n's engine and applies a credential type's declarative
 * `authenticate` block the way n8n's server does: each value is an n8n expression evaluated with
 * `$credentials`, so the test proves the credential class itself, not a copy of it.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.types[typeName];
		const options = { ...(requestOptions as IHttpRequestOptions) };
		const authenticate = type?.authenticate;
		if (authenticate === undefined) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const resolve = (value: unknown) =>
			workflow && node
				? workflow.expression.getSimpleParameterValue(node, value as string, 'internal', {
						$credentials: credentials,
					})
				: value;
		const { auth, headers, qs } = authenticate.properties;
		if (auth) {
			options.auth = {
				username: String(resolve(auth.username)),
				password: String(resolve(auth.password)),
			};
		}
		if (headers) {
			options.headers = { ...options.headers };
			for (const [name, value] of Object.entries(headers))
				options.headers[name] = resolve(value) as string;
		}
		if (qs) {
			options.qs = { ...options.qs };
			for (const [name, value] of Object.entries(qs)) options.qs[name] = resolve(value) as string;
		}
		return options;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Encrypted credentials are not used in tests');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = this.data[type];
		if (credentials === undefined) throw new Error(`No test credentials of type ${type}`);
		return { ...credentials };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}
