"""One router per area of the web app: pages (analyze, memo), precedents, reading, the interview, the API,
and the API's documentation."""
