"use client";

import { CopyField } from "@/components/ui/copy-field";
import { FormSection } from "@/components/ui/form-section";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { ClientSecretField } from "./client-secret-field";
import { TextInput } from "./text-input";
import { UserinfoField } from "./userinfo-field";

export function GeneralSection({ provider, resetKey }: { provider: ProviderJson | undefined; resetKey: number }) {
  return (
    <FormSection
      id="general"
      title="General"
      description="How this app is registered at the provider, and the provider's endpoints."
    >
      <TextInput
        name="name"
        label="Provider Name"
        hint="Shown to signers and users on the provider's button, and to senders in the envelope designer. Must be unique."
      />
      {provider ? (
        <CopyField
          label="Redirect Uri"
          value={provider.redirectUri}
          hint="Register this exact address at the provider as the redirect (callback) URI: the provider sends the browser back here when the OAuth process is concluded."
        />
      ) : (
        <div className="space-y-1.5">
          <p className="text-sm font-medium text-slate-800">Redirect Uri</p>
          <p className="rounded-md border border-dashed border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-600">
            Appears here after the first save: it contains the provider&apos;s id. Register it at the provider as the
            redirect (callback) URI.
          </p>
        </div>
      )}
      <div className="grid gap-5 md:grid-cols-2">
        <TextInput
          name="clientId"
          label="Client Id"
          mono
          hint="The identifier the provider issued for this app. It is also the audience an ID token must name."
        />
        <ClientSecretField key={resetKey} secretSet={provider?.clientSecretSet ?? false} saved={Boolean(provider)} />
      </div>
      <TextInput
        name="scope"
        label="Scope"
        mono
        hint="Space-separated. Most providers only issue an ID token (JWT) when the scope includes openid."
      />
      <TextInput
        name="authorizationUri"
        label="Authorization Uri"
        type="url"
        mono
        placeholder="https://idp.example.com/authorize"
        hint="The provider's authorization endpoint: where the signer or user is sent to sign in."
      />
      <TextInput
        name="tokenUri"
        label="Token Uri"
        type="url"
        mono
        placeholder="https://idp.example.com/token"
        hint="Called server to server to exchange the authorization code for the access token (and ID token)."
      />
      <TextInput
        name="logoutUri"
        label="Logout Uri"
        type="url"
        mono
        optional
        placeholder="https://idp.example.com/logout"
        hint="The provider's end-session endpoint, if it has one: a user who signed in here is sent there when signing out. Empty: the one its discovery document named, else sign-out ends the session in this app only."
      />
      <UserinfoField />
      {provider ? (
        <div className="grid gap-5 md:grid-cols-2">
          <CopyField
            label="Post-logout return URL"
            value={provider.postLogoutRedirectUri}
            hint="Register at the provider as post_logout_redirect_uri: after signing out there, the browser comes back here."
          />
          <CopyField
            label="Back-channel sign-out URL"
            value={provider.backchannelLogoutUri}
            hint="Register at the provider as backchannel_logout_uri (with a session id, if offered): when the person signs out at the provider, it tells this app, which ends their sessions from this provider."
          />
        </div>
      ) : null}
    </FormSection>
  );
}
