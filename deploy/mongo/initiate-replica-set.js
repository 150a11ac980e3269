// Initiates replica set rs0 of the three members, unless it already is (mongosh; run by deploy/compose and the
// Kubernetes Job in deploy/kubernetes/mongodb.yaml with MEMBERS set to the members' host:port, comma-separated).
const members = (process.env.MEMBERS || "mongo1:27017,mongo2:27017,mongo3:27017").split(",");
let initiated = false;
try {
  initiated = rs.status().ok === 1;
} catch (e) {
  // NotYetInitialized: initiate below.
}
if (!initiated) {
  rs.initiate({_id: "rs0", members: members.map((host, i) => ({_id: i, host: host}))});
}
// Wait for a primary, so that the service nodes find a writable set when they start.
for (let i = 0; i < 60 && !db.hello().isWritablePrimary; i++) {
  sleep(1000);
}
if (!db.hello().isWritablePrimary) {
  quit(1);
}
