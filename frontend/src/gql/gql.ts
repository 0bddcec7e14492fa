/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AdminUsers($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          name\n          email\n          companyName\n          roles\n          lastLogInAt\n        }\n      }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id\n      createdAt\n      name\n      email\n      companyName\n      roles\n      lastLogInAt\n      activity(first: 10) {\n        totalCount\n        edges {\n          node {\n            id\n            kind\n            at\n            ipAddress\n            country\n            browser\n            browserVersion\n            os\n            timezone\n            target\n          }\n        }\n      }\n      consentHistory {\n        id\n        purpose\n        granted\n        source\n        policyVersion\n        recordedAt\n      }\n    }\n    auditLog(first: 10, subjectId: $id) {\n      totalCount\n      edges {\n        node {\n          id\n          at\n          action\n          target\n          actor {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n": typeof types.AdminUserDocument,
    "\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {\n    setUserRoles(userId: $userId, roles: $roles) {\n      user {\n        id\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.SetUserRolesDocument,
    "\n  query AuditLog($first: Int!, $after: String, $subjectId: ID) {\n    auditLog(first: $first, after: $after, subjectId: $subjectId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          target\n          ipAddress\n          actor {\n            id\n            name\n            email\n          }\n          subject {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n        name\n        email\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n        name\n        email\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LogInDocument,
    "\n  mutation LogOut {\n    logOut {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LogOutDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ConfirmEmailChangeDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n    }\n  }\n": typeof types.MeDocument,
    "\n  query PrivacyOverview {\n    me {\n      id\n      name\n      email\n      companyName\n      createdAt\n      lastLogInAt\n      sessions {\n        id\n        endedAt\n        expiresAt\n      }\n      apiTokens {\n        id\n      }\n      consentHistory {\n        id\n        purpose\n        granted\n        recordedAt\n      }\n      activity(first: 1) {\n        totalCount\n      }\n    }\n  }\n": typeof types.PrivacyOverviewDocument,
    "\n  query Profile {\n    me {\n      id\n      name\n      email\n      companyName\n      createdAt\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      user {\n        id\n        name\n        email\n        companyName\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query Sessions {\n    me {\n      id\n      sessions {\n        id\n        current\n        persistent\n        createdAt\n        lastSeenAt\n        expiresAt\n        endedAt\n        ipAddress\n        browser\n        os\n      }\n    }\n  }\n": typeof types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.RevokeSessionDocument,
    "\n  query Activity($first: Int!, $after: String) {\n    me {\n      id\n      activity(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            at\n            ipAddress\n            country\n            browser\n            browserVersion\n            os\n            platform\n            timezone\n            target\n          }\n        }\n      }\n    }\n  }\n": typeof types.ActivityDocument,
    "\n  query ApiTokens {\n    me {\n      id\n      apiTokens {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n      secret\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query ConsentHistory {\n    me {\n      id\n      consentHistory {\n        id\n        purpose\n        granted\n        source\n        policyVersion\n        recordedAt\n        ipAddress\n        userAgent\n      }\n    }\n  }\n": typeof types.ConsentHistoryDocument,
    "\n  query ConsentState {\n    consentState {\n      bannerRequired\n      decisions {\n        purpose\n        granted\n        decidedAt\n        policyVersion\n        globalPrivacyControl\n      }\n    }\n  }\n": typeof types.ConsentStateDocument,
    "\n  query CookieDeclarations {\n    cookieDeclarations {\n      name\n      category\n      purpose\n      persistent\n      maxAgeSeconds\n      provider\n      sessionUnlessRemembered\n    }\n  }\n": typeof types.CookieDeclarationsDocument,
    "\n  mutation SetConsents($decisions: [ConsentInput!]!, $source: ConsentSource!) {\n    setConsents(decisions: $decisions, source: $source) {\n      consentState {\n        bannerRequired\n        decisions {\n          purpose\n          granted\n          decidedAt\n          policyVersion\n          globalPrivacyControl\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.SetConsentsDocument,
    "\n  mutation RecordPageView($path: String!) {\n    recordPageView(path: $path) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.RecordPageViewDocument,
    "\n  query PendingPolicyDecisions {\n    pendingPolicyDecisions {\n      id\n      kind\n      version\n      title\n      summary\n      body\n      changeType\n      materiallyReducesProtection\n      noticeAt\n      effectiveAt\n    }\n  }\n": typeof types.PendingPolicyDecisionsDocument,
    "\n  mutation AcceptPolicyVersion($id: ID!) {\n    acceptPolicyVersion(id: $id) {\n      decision {\n        accepted\n        decidedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.AcceptPolicyVersionDocument,
    "\n  mutation RejectPolicyVersion($id: ID!, $password: String!) {\n    rejectPolicyVersion(id: $id, password: $password) {\n      accountClosed\n      decision {\n        accepted\n        decidedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.RejectPolicyVersionDocument,
    "\n  query DataRequests {\n    me {\n      id\n      email\n      dataSubjectRequests {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        completedAt\n        progress\n        exportUrl\n        waitingReason\n        rejectionReason\n      }\n    }\n  }\n": typeof types.DataRequestsDocument,
    "\n  mutation SubmitDataRequest($input: DataSubjectRequestInput!) {\n    submitDataSubjectRequest(input: $input) {\n      request {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        completedAt\n        progress\n        exportUrl\n        waitingReason\n        rejectionReason\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.SubmitDataRequestDocument,
    "\n  mutation CloseAccount($password: String!) {\n    closeAccount(password: $password) {\n      request {\n        id\n        status\n        receivedAt\n        dueAt\n        waitingReason\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.CloseAccountDocument,
};
const documents: Documents = {
    "\n  query AdminUsers($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          name\n          email\n          companyName\n          roles\n          lastLogInAt\n        }\n      }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id\n      createdAt\n      name\n      email\n      companyName\n      roles\n      lastLogInAt\n      activity(first: 10) {\n        totalCount\n        edges {\n          node {\n            id\n            kind\n            at\n            ipAddress\n            country\n            browser\n            browserVersion\n            os\n            timezone\n            target\n          }\n        }\n      }\n      consentHistory {\n        id\n        purpose\n        granted\n        source\n        policyVersion\n        recordedAt\n      }\n    }\n    auditLog(first: 10, subjectId: $id) {\n      totalCount\n      edges {\n        node {\n          id\n          at\n          action\n          target\n          actor {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n": types.AdminUserDocument,
    "\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {\n    setUserRoles(userId: $userId, roles: $roles) {\n      user {\n        id\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.SetUserRolesDocument,
    "\n  query AuditLog($first: Int!, $after: String, $subjectId: ID) {\n    auditLog(first: $first, after: $after, subjectId: $subjectId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          target\n          ipAddress\n          actor {\n            id\n            name\n            email\n          }\n          subject {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n        name\n        email\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n        name\n        email\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LogInDocument,
    "\n  mutation LogOut {\n    logOut {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LogOutDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ConfirmEmailChangeDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n    }\n  }\n": types.MeDocument,
    "\n  query PrivacyOverview {\n    me {\n      id\n      name\n      email\n      companyName\n      createdAt\n      lastLogInAt\n      sessions {\n        id\n        endedAt\n        expiresAt\n      }\n      apiTokens {\n        id\n      }\n      consentHistory {\n        id\n        purpose\n        granted\n        recordedAt\n      }\n      activity(first: 1) {\n        totalCount\n      }\n    }\n  }\n": types.PrivacyOverviewDocument,
    "\n  query Profile {\n    me {\n      id\n      name\n      email\n      companyName\n      createdAt\n    }\n  }\n": types.ProfileDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      user {\n        id\n        name\n        email\n        companyName\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query Sessions {\n    me {\n      id\n      sessions {\n        id\n        current\n        persistent\n        createdAt\n        lastSeenAt\n        expiresAt\n        endedAt\n        ipAddress\n        browser\n        os\n      }\n    }\n  }\n": types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.RevokeSessionDocument,
    "\n  query Activity($first: Int!, $after: String) {\n    me {\n      id\n      activity(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            at\n            ipAddress\n            country\n            browser\n            browserVersion\n            os\n            platform\n            timezone\n            target\n          }\n        }\n      }\n    }\n  }\n": types.ActivityDocument,
    "\n  query ApiTokens {\n    me {\n      id\n      apiTokens {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n      secret\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query ConsentHistory {\n    me {\n      id\n      consentHistory {\n        id\n        purpose\n        granted\n        source\n        policyVersion\n        recordedAt\n        ipAddress\n        userAgent\n      }\n    }\n  }\n": types.ConsentHistoryDocument,
    "\n  query ConsentState {\n    consentState {\n      bannerRequired\n      decisions {\n        purpose\n        granted\n        decidedAt\n        policyVersion\n        globalPrivacyControl\n      }\n    }\n  }\n": types.ConsentStateDocument,
    "\n  query CookieDeclarations {\n    cookieDeclarations {\n      name\n      category\n      purpose\n      persistent\n      maxAgeSeconds\n      provider\n      sessionUnlessRemembered\n    }\n  }\n": types.CookieDeclarationsDocument,
    "\n  mutation SetConsents($decisions: [ConsentInput!]!, $source: ConsentSource!) {\n    setConsents(decisions: $decisions, source: $source) {\n      consentState {\n        bannerRequired\n        decisions {\n          purpose\n          granted\n          decidedAt\n          policyVersion\n          globalPrivacyControl\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.SetConsentsDocument,
    "\n  mutation RecordPageView($path: String!) {\n    recordPageView(path: $path) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.RecordPageViewDocument,
    "\n  query PendingPolicyDecisions {\n    pendingPolicyDecisions {\n      id\n      kind\n      version\n      title\n      summary\n      body\n      changeType\n      materiallyReducesProtection\n      noticeAt\n      effectiveAt\n    }\n  }\n": types.PendingPolicyDecisionsDocument,
    "\n  mutation AcceptPolicyVersion($id: ID!) {\n    acceptPolicyVersion(id: $id) {\n      decision {\n        accepted\n        decidedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.AcceptPolicyVersionDocument,
    "\n  mutation RejectPolicyVersion($id: ID!, $password: String!) {\n    rejectPolicyVersion(id: $id, password: $password) {\n      accountClosed\n      decision {\n        accepted\n        decidedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.RejectPolicyVersionDocument,
    "\n  query DataRequests {\n    me {\n      id\n      email\n      dataSubjectRequests {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        completedAt\n        progress\n        exportUrl\n        waitingReason\n        rejectionReason\n      }\n    }\n  }\n": types.DataRequestsDocument,
    "\n  mutation SubmitDataRequest($input: DataSubjectRequestInput!) {\n    submitDataSubjectRequest(input: $input) {\n      request {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        completedAt\n        progress\n        exportUrl\n        waitingReason\n        rejectionReason\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.SubmitDataRequestDocument,
    "\n  mutation CloseAccount($password: String!) {\n    closeAccount(password: $password) {\n      request {\n        id\n        status\n        receivedAt\n        dueAt\n        waitingReason\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.CloseAccountDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          name\n          email\n          companyName\n          roles\n          lastLogInAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          name\n          email\n          companyName\n          roles\n          lastLogInAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id\n      createdAt\n      name\n      email\n      companyName\n      roles\n      lastLogInAt\n      activity(first: 10) {\n        totalCount\n        edges {\n          node {\n            id\n            kind\n            at\n            ipAddress\n            country\n            browser\n            browserVersion\n            os\n            timezone\n            target\n          }\n        }\n      }\n      consentHistory {\n        id\n        purpose\n        granted\n        source\n        policyVersion\n        recordedAt\n      }\n    }\n    auditLog(first: 10, subjectId: $id) {\n      totalCount\n      edges {\n        node {\n          id\n          at\n          action\n          target\n          actor {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id\n      createdAt\n      name\n      email\n      companyName\n      roles\n      lastLogInAt\n      activity(first: 10) {\n        totalCount\n        edges {\n          node {\n            id\n            kind\n            at\n            ipAddress\n            country\n            browser\n            browserVersion\n            os\n            timezone\n            target\n          }\n        }\n      }\n      consentHistory {\n        id\n        purpose\n        granted\n        source\n        policyVersion\n        recordedAt\n      }\n    }\n    auditLog(first: 10, subjectId: $id) {\n      totalCount\n      edges {\n        node {\n          id\n          at\n          action\n          target\n          actor {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {\n    setUserRoles(userId: $userId, roles: $roles) {\n      user {\n        id\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {\n    setUserRoles(userId: $userId, roles: $roles) {\n      user {\n        id\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int!, $after: String, $subjectId: ID) {\n    auditLog(first: $first, after: $after, subjectId: $subjectId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          target\n          ipAddress\n          actor {\n            id\n            name\n            email\n          }\n          subject {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int!, $after: String, $subjectId: ID) {\n    auditLog(first: $first, after: $after, subjectId: $subjectId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          target\n          ipAddress\n          actor {\n            id\n            name\n            email\n          }\n          subject {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n        name\n        email\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n        name\n        email\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n        name\n        email\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n        name\n        email\n        roles\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogOut {\n    logOut {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogOut {\n    logOut {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrivacyOverview {\n    me {\n      id\n      name\n      email\n      companyName\n      createdAt\n      lastLogInAt\n      sessions {\n        id\n        endedAt\n        expiresAt\n      }\n      apiTokens {\n        id\n      }\n      consentHistory {\n        id\n        purpose\n        granted\n        recordedAt\n      }\n      activity(first: 1) {\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query PrivacyOverview {\n    me {\n      id\n      name\n      email\n      companyName\n      createdAt\n      lastLogInAt\n      sessions {\n        id\n        endedAt\n        expiresAt\n      }\n      apiTokens {\n        id\n      }\n      consentHistory {\n        id\n        purpose\n        granted\n        recordedAt\n      }\n      activity(first: 1) {\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile {\n    me {\n      id\n      name\n      email\n      companyName\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query Profile {\n    me {\n      id\n      name\n      email\n      companyName\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      user {\n        id\n        name\n        email\n        companyName\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      user {\n        id\n        name\n        email\n        companyName\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sessions {\n    me {\n      id\n      sessions {\n        id\n        current\n        persistent\n        createdAt\n        lastSeenAt\n        expiresAt\n        endedAt\n        ipAddress\n        browser\n        os\n      }\n    }\n  }\n"): (typeof documents)["\n  query Sessions {\n    me {\n      id\n      sessions {\n        id\n        current\n        persistent\n        createdAt\n        lastSeenAt\n        expiresAt\n        endedAt\n        ipAddress\n        browser\n        os\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Activity($first: Int!, $after: String) {\n    me {\n      id\n      activity(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            at\n            ipAddress\n            country\n            browser\n            browserVersion\n            os\n            platform\n            timezone\n            target\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Activity($first: Int!, $after: String) {\n    me {\n      id\n      activity(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            at\n            ipAddress\n            country\n            browser\n            browserVersion\n            os\n            platform\n            timezone\n            target\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    me {\n      id\n      apiTokens {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    me {\n      id\n      apiTokens {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n      secret\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n      secret\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsentHistory {\n    me {\n      id\n      consentHistory {\n        id\n        purpose\n        granted\n        source\n        policyVersion\n        recordedAt\n        ipAddress\n        userAgent\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsentHistory {\n    me {\n      id\n      consentHistory {\n        id\n        purpose\n        granted\n        source\n        policyVersion\n        recordedAt\n        ipAddress\n        userAgent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsentState {\n    consentState {\n      bannerRequired\n      decisions {\n        purpose\n        granted\n        decidedAt\n        policyVersion\n        globalPrivacyControl\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsentState {\n    consentState {\n      bannerRequired\n      decisions {\n        purpose\n        granted\n        decidedAt\n        policyVersion\n        globalPrivacyControl\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CookieDeclarations {\n    cookieDeclarations {\n      name\n      category\n      purpose\n      persistent\n      maxAgeSeconds\n      provider\n      sessionUnlessRemembered\n    }\n  }\n"): (typeof documents)["\n  query CookieDeclarations {\n    cookieDeclarations {\n      name\n      category\n      purpose\n      persistent\n      maxAgeSeconds\n      provider\n      sessionUnlessRemembered\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetConsents($decisions: [ConsentInput!]!, $source: ConsentSource!) {\n    setConsents(decisions: $decisions, source: $source) {\n      consentState {\n        bannerRequired\n        decisions {\n          purpose\n          granted\n          decidedAt\n          policyVersion\n          globalPrivacyControl\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetConsents($decisions: [ConsentInput!]!, $source: ConsentSource!) {\n    setConsents(decisions: $decisions, source: $source) {\n      consentState {\n        bannerRequired\n        decisions {\n          purpose\n          granted\n          decidedAt\n          policyVersion\n          globalPrivacyControl\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPageView($path: String!) {\n    recordPageView(path: $path) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordPageView($path: String!) {\n    recordPageView(path: $path) {\n      ok\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingPolicyDecisions {\n    pendingPolicyDecisions {\n      id\n      kind\n      version\n      title\n      summary\n      body\n      changeType\n      materiallyReducesProtection\n      noticeAt\n      effectiveAt\n    }\n  }\n"): (typeof documents)["\n  query PendingPolicyDecisions {\n    pendingPolicyDecisions {\n      id\n      kind\n      version\n      title\n      summary\n      body\n      changeType\n      materiallyReducesProtection\n      noticeAt\n      effectiveAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptPolicyVersion($id: ID!) {\n    acceptPolicyVersion(id: $id) {\n      decision {\n        accepted\n        decidedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptPolicyVersion($id: ID!) {\n    acceptPolicyVersion(id: $id) {\n      decision {\n        accepted\n        decidedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectPolicyVersion($id: ID!, $password: String!) {\n    rejectPolicyVersion(id: $id, password: $password) {\n      accountClosed\n      decision {\n        accepted\n        decidedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RejectPolicyVersion($id: ID!, $password: String!) {\n    rejectPolicyVersion(id: $id, password: $password) {\n      accountClosed\n      decision {\n        accepted\n        decidedAt\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataRequests {\n    me {\n      id\n      email\n      dataSubjectRequests {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        completedAt\n        progress\n        exportUrl\n        waitingReason\n        rejectionReason\n      }\n    }\n  }\n"): (typeof documents)["\n  query DataRequests {\n    me {\n      id\n      email\n      dataSubjectRequests {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        completedAt\n        progress\n        exportUrl\n        waitingReason\n        rejectionReason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitDataRequest($input: DataSubjectRequestInput!) {\n    submitDataSubjectRequest(input: $input) {\n      request {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        completedAt\n        progress\n        exportUrl\n        waitingReason\n        rejectionReason\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitDataRequest($input: DataSubjectRequestInput!) {\n    submitDataSubjectRequest(input: $input) {\n      request {\n        id\n        kind\n        status\n        receivedAt\n        dueAt\n        completedAt\n        progress\n        exportUrl\n        waitingReason\n        rejectionReason\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseAccount($password: String!) {\n    closeAccount(password: $password) {\n      request {\n        id\n        status\n        receivedAt\n        dueAt\n        waitingReason\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CloseAccount($password: String!) {\n    closeAccount(password: $password) {\n      request {\n        id\n        status\n        receivedAt\n        dueAt\n        waitingReason\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;