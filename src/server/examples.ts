/**
 * The example queries GraphiQL opens with, one tab each: a first look, a dashboard, a time series,
 * a person's timeline and a funnel. None names a date or an id, so each answers on any data set —
 * the demo (generated relative to today) or a team's own exports. test/graphiql-examples.test.ts
 * runs every one against the demo data.
 */
export interface ExampleQuery {
  title: string;
  /** A named operation: GraphiQL names the tab after it. */
  query: string;
}

export const GRAPHIQL_EXAMPLES: readonly ExampleQuery[] = [
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
    query: `# The most recently created persons: their recordings and sessions side by side
query PersonTimeline {
  persons(first: 3) {
    nodes {
      name
      distinctIds
      lastSeenAt
      recordings(first: 5) { nodes { id startTime recordingDuration startUrl expired } }
      userSessions(first: 5) { nodes { id startTime country duration userActions(first: 3) { name } } }
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
