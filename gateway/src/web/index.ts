export { readWebConfig, type WebConfig, type SignInSettings } from './config';
export { webRoutes } from './routes';
export { documentHash, loadTrustedDocuments, trustedDocumentsPlugin, type TrustedDocuments } from './trusted-documents';
