// Unsaved claim text, kept in the browser (localStorage) on every keystroke until it is saved or discarded: a
// dropped connection, an ended session or a reload loses nothing, and the profile page offers drafts back.
const prefix = profileId => `palimpsest:draft:${profileId}:`;

export const drafts = {
  save(profileId, claimId, draft) {
    localStorage.setItem(prefix(profileId) + claimId, JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  },
  load(profileId, claimId) {
    const stored = localStorage.getItem(prefix(profileId) + claimId);
    return stored ? JSON.parse(stored) : null;
  },
  remove(profileId, claimId) {
    localStorage.removeItem(prefix(profileId) + claimId);
  },
  all(profileId) {
    const found = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith(prefix(profileId))) found.push({ claimId: key.slice(prefix(profileId).length), ...JSON.parse(localStorage.getItem(key)) });
    }
    return found;
  },
};
