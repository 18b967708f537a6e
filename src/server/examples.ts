/**
 * The example queries GraphiQL opens with, one tab each: frustrated sessions with their replays
 * (the default tab), a first look, a dashboard, a time series, a person's timeline and a funnel.
 * None names a date or an id, so each answers on any data set — the demo (generated relative to
 * today) or a team's own exports. test/graphiql-examples.test.ts
 * runs every one against the demo data.
 */
export interface ExampleQuery {
  title: string;
  /** A named operation: GraphiQL names the tab after it. */
  query: string;
}

export const GRAPHIQL_EXAMPLES: readonly ExampleQuery[] = [
  {
    title: 'Frustrated sessions and their replays',
    query: `# Frustrated Dynatrace sessions and the PostHog replays of the same visits
# (README: One visit, both products)
query FrustratedSessionsWithReplays {
  userSessions(first: 3, filter: { userExperienceScore: { eq: FRUSTRATED }, hasRecording: { eq: true } }) {
    totalCount
    nodes {
      id
      startTime
      country
      totalErrorCount
      numberOfRageClicks
      person { name }
      errors { name }
      recordings {
        linkedBy
        overlapMs
        recording { id startUrl recordingDuration consoleErrorCount }
      }
    }
  }
}
`,
  },
  {
    title: 'Sessions with errors',
    query: `# Recent sessions with errors, who had them, and their first actions
query SessionsWithErrors {
  userSessions(first: 10, filter: { hasError: { eq: true } }) {
    totalCount
    nodes {
      id
      startTime
      country
      browserFamily
      duration
      totalErrorCount
      person { name distinctIds }
      userActions(first: 3) { name type duration apdexCategory }
    }
  }
}
`,
  },
  {
    title: 'Dashboard: countries',
    query: `# Sessions per country, the 10 with the slowest p95 duration (ms)
query CountryDashboard {
  userSessionStats(
    groupBy: [COUNTRY]
    first: 10
    orderBy: [{ by: PERCENTILE, field: DURATION, p: 95, direction: DESC }]
  ) {
    dimensions { country }
    count
    p95: percentile(field: DURATION, p: 95)
    bounceRate: avg(field: BOUNCE)
    persons: countDistinct(field: PERSON)
  }
}
`,
  },
  {
    title: 'Daily errors',
    query: `# Sessions with errors per day (empty days count 0), in Vienna time
query DailyErrors {
  userSessionStats(interval: DAY, timeZone: "Europe/Vienna", filter: { hasError: { eq: true } }) {
    dimensions { bucket }
    count
    errors: sum(field: TOTAL_ERROR_COUNT)
  }
}
`,
  },
  {
    title: "A person's timeline",
    query: `# A person's recordings, sessions, actions and errors in one timeline, newest first
query PersonTimeline {
  persons(first: 2, filter: { userSessions: { some: { hasRecording: { eq: true } } } }) {
    nodes {
      name
      distinctIds
      lastSeenAt
      timeline(first: 10, direction: DESC) {
        edges {
          kind
          at
          node {
            ... on SessionRecording { id startUrl recordingDuration }
            ... on UserSession { id country duration userExperienceScore }
            ... on UserAction { name apdexCategory }
            ... on UserError { name }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}
`,
  },
  {
    title: 'Funnel',
    query: `# Sessions that loaded the pricing page, then signup, then checkout
query SignupFunnel {
  funnel(
    steps: [
      { name: { contains: "page /pricing" } }
      { name: { contains: "page /signup" } }
      { name: { contains: "page /checkout" } }
    ]
  ) { step sessions conversion }
}
`,
  },
];
