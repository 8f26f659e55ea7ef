"""Partner agencies (police, customs, coast guard, other states' contact points): referrals and hand-overs with exactly
the data shared, their acknowledgement and the custody passed, and alerts delivered by signed webhooks."""
