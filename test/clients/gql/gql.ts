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
    "\n  fragment SessionRow on UserSession {\n    id\n    startTime\n    duration\n    country\n    browserFamily\n    hasError\n    person {\n      id\n      name\n    }\n  }\n": typeof types.SessionRowFragmentDoc,
    "\n  query DashboardSessions($filter: UserSessionFilter, $orderBy: [UserSessionOrder!], $first: Int!, $after: String) {\n    userSessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...SessionRow\n        }\n      }\n    }\n  }\n": typeof types.DashboardSessionsDocument,
    "\n  query PersonTimeline($id: ID!, $sessionFilter: UserSessionFilter, $sessions: Int = 5, $actions: Int = 3) {\n    person(id: $id) {\n      id\n      name\n      distinctIds\n      lastSeenAt\n      recordings(first: 5, orderBy: [{ field: START_TIME, direction: DESC }]) {\n        totalCount\n        nodes {\n          id\n          startTime\n          viewed\n        }\n      }\n      userSessions(first: $sessions, filter: $sessionFilter, orderBy: [{ field: START_TIME, direction: DESC }]) {\n        totalCount\n        nodes {\n          id\n          startTime\n          userActionCount\n          userActions(first: $actions) {\n            name\n            startTime\n          }\n        }\n      }\n    }\n  }\n": typeof types.PersonTimelineDocument,
    "\n  query SessionStats($filter: UserSessionFilter, $groupBy: [UserSessionDimension!], $having: [UserSessionStatsCondition!], $first: Int) {\n    userSessionStats(filter: $filter, groupBy: $groupBy, having: $having, first: $first, orderBy: [{ by: COUNT, direction: DESC }, { dimension: COUNTRY, direction: ASC }]) {\n      dimensions {\n        country\n        browserFamily\n      }\n      count\n      avgDuration: avg(field: DURATION)\n      maxDuration: max(field: DURATION)\n    }\n  }\n": typeof types.SessionStatsDocument,
    "\n  mutation MarkRecordingViewed($id: ID!) {\n    markRecordingViewed(id: $id) {\n      id\n      viewed\n    }\n  }\n": typeof types.MarkRecordingViewedDocument,
};
const documents: Documents = {
    "\n  fragment SessionRow on UserSession {\n    id\n    startTime\n    duration\n    country\n    browserFamily\n    hasError\n    person {\n      id\n      name\n    }\n  }\n": types.SessionRowFragmentDoc,
    "\n  query DashboardSessions($filter: UserSessionFilter, $orderBy: [UserSessionOrder!], $first: Int!, $after: String) {\n    userSessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...SessionRow\n        }\n      }\n    }\n  }\n": types.DashboardSessionsDocument,
    "\n  query PersonTimeline($id: ID!, $sessionFilter: UserSessionFilter, $sessions: Int = 5, $actions: Int = 3) {\n    person(id: $id) {\n      id\n      name\n      distinctIds\n      lastSeenAt\n      recordings(first: 5, orderBy: [{ field: START_TIME, direction: DESC }]) {\n        totalCount\n        nodes {\n          id\n          startTime\n          viewed\n        }\n      }\n      userSessions(first: $sessions, filter: $sessionFilter, orderBy: [{ field: START_TIME, direction: DESC }]) {\n        totalCount\n        nodes {\n          id\n          startTime\n          userActionCount\n          userActions(first: $actions) {\n            name\n            startTime\n          }\n        }\n      }\n    }\n  }\n": types.PersonTimelineDocument,
    "\n  query SessionStats($filter: UserSessionFilter, $groupBy: [UserSessionDimension!], $having: [UserSessionStatsCondition!], $first: Int) {\n    userSessionStats(filter: $filter, groupBy: $groupBy, having: $having, first: $first, orderBy: [{ by: COUNT, direction: DESC }, { dimension: COUNTRY, direction: ASC }]) {\n      dimensions {\n        country\n        browserFamily\n      }\n      count\n      avgDuration: avg(field: DURATION)\n      maxDuration: max(field: DURATION)\n    }\n  }\n": types.SessionStatsDocument,
    "\n  mutation MarkRecordingViewed($id: ID!) {\n    markRecordingViewed(id: $id) {\n      id\n      viewed\n    }\n  }\n": types.MarkRecordingViewedDocument,
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
export function graphql(source: "\n  fragment SessionRow on UserSession {\n    id\n    startTime\n    duration\n    country\n    browserFamily\n    hasError\n    person {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SessionRow on UserSession {\n    id\n    startTime\n    duration\n    country\n    browserFamily\n    hasError\n    person {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSessions($filter: UserSessionFilter, $orderBy: [UserSessionOrder!], $first: Int!, $after: String) {\n    userSessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...SessionRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardSessions($filter: UserSessionFilter, $orderBy: [UserSessionOrder!], $first: Int!, $after: String) {\n    userSessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...SessionRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonTimeline($id: ID!, $sessionFilter: UserSessionFilter, $sessions: Int = 5, $actions: Int = 3) {\n    person(id: $id) {\n      id\n      name\n      distinctIds\n      lastSeenAt\n      recordings(first: 5, orderBy: [{ field: START_TIME, direction: DESC }]) {\n        totalCount\n        nodes {\n          id\n          startTime\n          viewed\n        }\n      }\n      userSessions(first: $sessions, filter: $sessionFilter, orderBy: [{ field: START_TIME, direction: DESC }]) {\n        totalCount\n        nodes {\n          id\n          startTime\n          userActionCount\n          userActions(first: $actions) {\n            name\n            startTime\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonTimeline($id: ID!, $sessionFilter: UserSessionFilter, $sessions: Int = 5, $actions: Int = 3) {\n    person(id: $id) {\n      id\n      name\n      distinctIds\n      lastSeenAt\n      recordings(first: 5, orderBy: [{ field: START_TIME, direction: DESC }]) {\n        totalCount\n        nodes {\n          id\n          startTime\n          viewed\n        }\n      }\n      userSessions(first: $sessions, filter: $sessionFilter, orderBy: [{ field: START_TIME, direction: DESC }]) {\n        totalCount\n        nodes {\n          id\n          startTime\n          userActionCount\n          userActions(first: $actions) {\n            name\n            startTime\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionStats($filter: UserSessionFilter, $groupBy: [UserSessionDimension!], $having: [UserSessionStatsCondition!], $first: Int) {\n    userSessionStats(filter: $filter, groupBy: $groupBy, having: $having, first: $first, orderBy: [{ by: COUNT, direction: DESC }, { dimension: COUNTRY, direction: ASC }]) {\n      dimensions {\n        country\n        browserFamily\n      }\n      count\n      avgDuration: avg(field: DURATION)\n      maxDuration: max(field: DURATION)\n    }\n  }\n"): (typeof documents)["\n  query SessionStats($filter: UserSessionFilter, $groupBy: [UserSessionDimension!], $having: [UserSessionStatsCondition!], $first: Int) {\n    userSessionStats(filter: $filter, groupBy: $groupBy, having: $having, first: $first, orderBy: [{ by: COUNT, direction: DESC }, { dimension: COUNTRY, direction: ASC }]) {\n      dimensions {\n        country\n        browserFamily\n      }\n      count\n      avgDuration: avg(field: DURATION)\n      maxDuration: max(field: DURATION)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRecordingViewed($id: ID!) {\n    markRecordingViewed(id: $id) {\n      id\n      viewed\n    }\n  }\n"): (typeof documents)["\n  mutation MarkRecordingViewed($id: ID!) {\n    markRecordingViewed(id: $id) {\n      id\n      viewed\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;