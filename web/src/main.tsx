import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readAccessToken } from './api/access-token';
import { createApolloClient } from './api/client';
import { App } from './App';
import { attachmentApi } from './attachments/attachment-api';
import { AttachmentStore } from './attachments/attachment-store';
import { endpoints } from './config';
import { ErrorCenter } from './errors/error-center';
import { GenerationService } from './generation/generation-service';
import { subscriptionTransport } from './generation/subscription-transport';
import { LeadStore } from './leads/lead-store';
import { ServicesProvider, type Services } from './services';
import { SettingsStore } from './settings/settings-store';
import './styles.css';

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: the app works, nothing survives a reload
  }
}

const client = createApolloClient({ graphqlUrl: endpoints.graphql, streamUrl: endpoints.stream, accessToken: () => readAccessToken() });
const storage = browserStorage();
const errors = new ErrorCenter();
const leads = new LeadStore(storage);
const settings = new SettingsStore(storage);
const attachments = new AttachmentStore(attachmentApi(client, { url: endpoints.attachments, accessToken: () => readAccessToken() }), errors);
const services: Services = {
  errors,
  leads,
  settings,
  attachments,
  generation: new GenerationService(subscriptionTransport(client), leads, settings, attachments, errors),
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <ServicesProvider services={services}>
        <App />
      </ServicesProvider>
    </ApolloProvider>
  </StrictMode>,
);
