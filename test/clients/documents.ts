/**
 * The operations a dashboard app sends to sessiongraph, written as such an app writes them: with
 * the client preset's `graphql()` function, every argument a variable, fragments per component.
 * GraphQL Code Generator reads this file and types each document (gql/).
 */
import { graphql } from './gql/index.js';

/** One row of the sessions table. */
export const SessionRowFragment = graphql(`
  fragment SessionRow on UserSession {
    id
    startTime
    duration
    country
    browserFamily
    hasError
    person {
      id
      name
    }
  }
`);

/** The dashboard's sessions table: filter, sort and page through user sessions. */
export const DashboardSessionsQuery = graphql(`
  query DashboardSessions($filter: UserSessionFilter, $orderBy: [UserSessionOrder!], $first: Int!, $after: String) {
    userSessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...SessionRow
        }
      }
    }
  }
`);

/** A person's page: who they are, their latest recordings and sessions with the first actions. */
export const PersonTimelineQuery = graphql(`
  query PersonTimeline($id: ID!, $sessionFilter: UserSessionFilter, $sessions: Int = 5, $actions: Int = 3) {
    person(id: $id) {
      id
      name
      distinctIds
      lastSeenAt
      recordings(first: 5, orderBy: [{ field: START_TIME, direction: DESC }]) {
        totalCount
        nodes {
          id
          startTime
          viewed
        }
      }
      userSessions(first: $sessions, filter: $sessionFilter, orderBy: [{ field: START_TIME, direction: DESC }]) {
        totalCount
        nodes {
          id
          startTime
          userActionCount
          userActions(first: $actions) {
            name
            startTime
          }
        }
      }
    }
  }
`);

/** The dashboard's chart: sessions per group, with duration aggregates. */
export const SessionStatsQuery = graphql(`
  query SessionStats($filter: UserSessionFilter, $groupBy: [UserSessionDimension!], $having: [UserSessionStatsCondition!], $first: Int) {
    userSessionStats(filter: $filter, groupBy: $groupBy, having: $having, first: $first, orderBy: [{ by: COUNT, direction: DESC }, { dimension: COUNTRY, direction: ASC }]) {
      dimensions {
        country
        browserFamily
      }
      count
      avgDuration: avg(field: DURATION)
      maxDuration: max(field: DURATION)
    }
  }
`);

/** Opening a recording in the player marks it viewed by the caller. */
export const MarkRecordingViewedMutation = graphql(`
  mutation MarkRecordingViewed($id: ID!) {
    markRecordingViewed(id: $id) {
      id
      viewed
    }
  }
`);
