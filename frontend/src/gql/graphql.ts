/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Date with time (isoformat) */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf). */
  JSON: { input: unknown; output: unknown; }
};

export type ActivityKind =
  | 'CONSENT_CHANGE'
  | 'DOWNLOAD'
  | 'DSAR'
  | 'LOG_IN'
  | 'LOG_IN_FAILED'
  | 'LOG_OUT'
  | 'PAGE_VIEW'
  | 'PAYMENT'
  | 'POLICY_DECISION'
  | 'PROFILE_UPDATE'
  | 'SIGN_UP'
  | 'UPLOAD'
  | 'VIEW';

export type ConsentInput = {
  granted: Scalars['Boolean']['input'];
  purpose: ConsentPurpose;
};

export type ConsentPurpose =
  | 'ANALYTICS'
  | 'MARKETING_EMAIL'
  | 'NECESSARY'
  | 'PREFERENCES';

export type ConsentSource =
  | 'API'
  | 'BANNER'
  | 'EMAIL_LINK'
  | 'SETTINGS'
  | 'SIGN_UP';

export type ContactInput = {
  email: Scalars['String']['input'];
  message: Scalars['String']['input'];
  name: Scalars['String']['input'];
  subject: Scalars['String']['input'];
  topic: ContactTopic;
  /** Leave unset. Web forms hide this field from people, and a message with it filled is taken for spam: answered as sent, but dropped. */
  website?: InputMaybe<Scalars['String']['input']>;
};

export type ContactTopic =
  | 'BILLING'
  | 'GENERAL'
  | 'PRIVACY'
  | 'SUPPORT';

export type CookieCategory =
  | 'ANALYTICS'
  | 'MARKETING'
  | 'NECESSARY'
  | 'PREFERENCES';

export type DataSubjectRequestInput = {
  /** for RECTIFICATION: field name to corrected value */
  corrections?: InputMaybe<Scalars['JSON']['input']>;
  details?: InputMaybe<Scalars['String']['input']>;
  /** required when not signed in; the request is then verified by a link sent to it */
  email?: InputMaybe<Scalars['String']['input']>;
  kind: DsarKind;
  /** required when signed in: the current password re-verifies identity */
  password?: InputMaybe<Scalars['String']['input']>;
};

export type DisclosureInput = {
  /** the kinds of personal data given */
  dataCategories: Array<Scalars['String']['input']>;
  /** when the data was given; now when unset */
  disclosedAt?: InputMaybe<Scalars['DateTime']['input']>;
  legalBasis: LegalBasis;
  recipient: Scalars['String']['input'];
  /** a case, court order or ticket number */
  reference?: InputMaybe<Scalars['String']['input']>;
  /** the person whose data was disclosed */
  userId: Scalars['ID']['input'];
};

export type DsarKind =
  | 'ACCESS'
  | 'ERASURE'
  | 'RECTIFICATION';

export type DsarStatus =
  | 'AWAITING_VERIFICATION'
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'REJECTED'
  | 'VERIFIED';

/** The lawful bases of GDPR Article 6(1) */
export type LegalBasis =
  | 'CONSENT'
  | 'CONTRACT'
  | 'LEGAL_OBLIGATION'
  | 'LEGITIMATE_INTERESTS'
  | 'PUBLIC_TASK'
  | 'VITAL_INTERESTS';

export type LegalHoldInput = {
  reason: Scalars['String']['input'];
  reference?: InputMaybe<Scalars['String']['input']>;
  userId: Scalars['ID']['input'];
};

export type LogInInput = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
  /** true: a persistent cookie; false: a browser-session cookie */
  rememberMe?: InputMaybe<Scalars['Boolean']['input']>;
};

export type PaymentStatus =
  | 'FAILED'
  | 'PENDING'
  | 'REFUNDED'
  | 'SUCCEEDED';

/** When a version takes effect: MINOR 7 days after its notice, SUBSTANTIAL 30 days after, LEGAL_REQUIREMENT at its notice */
export type PolicyChange =
  | 'LEGAL_REQUIREMENT'
  | 'MINOR'
  | 'SUBSTANTIAL';

export type PolicyKind =
  | 'PRIVACY'
  | 'TERMS';

export type PublishPolicyInput = {
  body: Scalars['String']['input'];
  changeType: PolicyChange;
  kind: PolicyKind;
  materiallyReducesProtection?: InputMaybe<Scalars['Boolean']['input']>;
  summary: Scalars['String']['input'];
  title: Scalars['String']['input'];
  version: Scalars['String']['input'];
};

export type Role =
  | 'ADMIN'
  | 'BILLING'
  | 'CUSTOMER'
  | 'PRIVACY_OFFICER'
  | 'SUPPORT';

export type SignUpInput = {
  acceptPolicies: Scalars['Boolean']['input'];
  companyName?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  /** consents given on the sign-up form; NECESSARY is implied */
  marketingEmails?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

export type UpdateProfileInput = {
  companyName?: InputMaybe<Scalars['String']['input']>;
  /** takes effect once the link sent to the new address is followed */
  email?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, name?: string | null, email?: string | null } | null };


export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;