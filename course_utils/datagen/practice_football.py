"""Practice database `football_league`: teams, players, games and goals of one season."""

from __future__ import annotations

import random
from datetime import date, timedelta

from course_utils.datagen.practice_kit import Domain, intent, iso_date, person_names

SCHEMA = """
CREATE TABLE team (
    team_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    founded_year INTEGER NOT NULL,
    stadium_name TEXT NOT NULL
);
CREATE TABLE player (
    player_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    team_id INTEGER NOT NULL REFERENCES team(team_id),
    position TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    shirt_number INTEGER NOT NULL
);
CREATE TABLE game (
    game_id INTEGER PRIMARY KEY,
    game_date TEXT NOT NULL,
    home_team_id INTEGER NOT NULL REFERENCES team(team_id),
    away_team_id INTEGER NOT NULL REFERENCES team(team_id),
    home_goals INTEGER NOT NULL,
    away_goals INTEGER NOT NULL,
    attendance INTEGER
);
CREATE TABLE goal (
    goal_id INTEGER PRIMARY KEY,
    game_id INTEGER NOT NULL REFERENCES game(game_id),
    player_id INTEGER NOT NULL REFERENCES player(player_id),
    minute INTEGER NOT NULL
);
"""

# (team name, city, stadium, strength 1-5: stronger teams score more)
TEAMS = [
    ("Ashford Rovers", "Ashford", "Mill Lane", 4), ("Brightwater United", "Brightwater", "Harbour Park", 5),
    ("Corran Athletic", "Corran", "The Meadow", 2), ("Dunmore City", "Dunmore", "Castle Road", 3),
    ("Eastvale Wanderers", "Eastvale", "Riverside Ground", 3), ("Fenwick Town", "Fenwick", "Fenwick Park", 1),
    ("Glenhaven FC", "Glenhaven", "Glen Stadium", 4), ("Holloway Albion", "Holloway", "Albion Field", 2),
]
POSITIONS = ["goalkeeper"] * 2 + ["defender"] * 5 + ["midfielder"] * 5 + ["forward"] * 3
SCORING_WEIGHT = {"goalkeeper": 0, "defender": 1, "midfielder": 3, "forward": 8}


def goals_scored(r: random.Random, attack: int, defence: int) -> int:
    """Goals in one game: more for a strong attack against a weak defence."""
    chances = 2 + attack - defence // 2
    return sum(r.random() < 0.3 for _ in range(max(chances, 1)))


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    founded = r.sample(range(1878, 1960), len(TEAMS))
    teams = [(i, name, city, founded[i - 1], stadium) for i, (name, city, stadium, _) in enumerate(TEAMS, start=1)]
    names = person_names(r, 15 * len(TEAMS))
    players = []
    for team_id in range(1, len(TEAMS) + 1):
        numbers = r.sample(range(1, 40), len(POSITIONS))
        for position, number in zip(POSITIONS, numbers):
            players.append((len(players) + 1, names[len(players)], team_id, position,
                            iso_date(r, "1990-01-01", "2006-06-30"), number))
    games, goals = [], []
    kickoff = date(2023, 8, 12)
    for round_number, (home, away) in enumerate(
        [(h, a) for h in range(1, len(TEAMS) + 1) for a in range(1, len(TEAMS) + 1) if h != a]
    ):
        day = (kickoff + timedelta(days=7 * (round_number // 4) + r.choice([0, 1]))).isoformat()
        home_goals = goals_scored(r, TEAMS[home - 1][3] + 1, TEAMS[away - 1][3])
        away_goals = goals_scored(r, TEAMS[away - 1][3], TEAMS[home - 1][3])
        attendance = None if r.random() < 0.05 else r.randrange(2_000, 9_000 + 4_000 * TEAMS[home - 1][3], 10)
        game_id = len(games) + 1
        games.append((game_id, day, home, away, home_goals, away_goals, attendance))
        for team_id, count in ((home, home_goals), (away, away_goals)):
            squad = [p for p in players if p[2] == team_id and p[3] != "goalkeeper"]
            weights = [SCORING_WEIGHT[p[3]] for p in squad]
            for minute in sorted(r.randint(1, 90) for _ in range(count)):
                scorer = r.choices(squad, weights=weights)[0]
                goals.append((len(goals) + 1, game_id, scorer[0], minute))
    return {"team": teams, "player": players, "game": games, "goal": goals}


PLAYER_TEAM = "player AS T1 JOIN team AS T2 ON T1.team_id = T2.team_id"
PLAYER_GOAL = "player AS T1 JOIN goal AS T2 ON T1.player_id = T2.player_id"

INTENTS = (
    intent("count_teams", [
        "How many teams are in the league?",
        "Count the teams.",
        "What is the number of teams in the league?",
    ], "SELECT COUNT(*) FROM team"),
    intent("players_in_position", [
        "Which players are {position}s?",
        "List all the {position}s.",
        "Show me the names of every player whose position is {position}.",
    ], "SELECT name FROM player WHERE position = '{position}'",
        values="SELECT DISTINCT position FROM player"),
    intent("old_clubs", [
        "Which teams were founded before {year}?",
        "List clubs founded earlier than {year}.",
        "Name the teams with a founding year before {year}.",
    ], "SELECT name FROM team WHERE founded_year < {year}",
        values="SELECT 1900 AS year UNION SELECT 1910 UNION SELECT 1920 UNION SELECT 1930"),
    intent("home_wins", [
        "How many games ended in a home win?",
        "Count the games the home team won.",
        "In how many games did the home side score more than the visitors?",
    ], "SELECT COUNT(*) FROM game WHERE home_goals > away_goals"),
    intent("average_goals_per_game", [
        "What is the average number of goals per game?",
        "On average, how many goals are scored in a game?",
        "Give the mean total goals per game.",
    ], "SELECT AVG(home_goals + away_goals) FROM game"),
    intent("goal_fests", [
        "Were there games with more than {goals} goals? Show their dates.",
        "List the dates of games in which over {goals} goals were scored.",
        "Which games had more than {goals} goals in total? Give the dates.",
    ], "SELECT game_date FROM game WHERE home_goals + away_goals > {goals}", "empty_result",
        values="SELECT 12 AS goals UNION SELECT 15 UNION SELECT 20"),
    intent("teams_by_age", [
        "List the teams and their cities from the oldest club to the youngest.",
        "Show each team's name and city, ordered by founding year.",
        "Teams with their home cities, sorted by year founded (oldest first).",
    ], "SELECT name, city FROM team ORDER BY founded_year"),
    intent("players_per_position", [
        "How many players are there in each position?",
        "Count players by position.",
        "For every position, what's the number of players?",
    ], "SELECT position, COUNT(*) FROM player GROUP BY position"),
    intent("squad_of_team", [
        "Who plays for {team}?",
        "List the players of {team}.",
        "Give me the squad of {team}.",
    ], f"SELECT T1.name FROM {PLAYER_TEAM} WHERE T2.name = '{{team}}'",
        values="SELECT name AS team FROM team"),
    intent("shirt_numbers", [
        "What are the names and shirt numbers of the {team} players?",
        "List {team} players with their shirt numbers.",
        "Show name and shirt number for everyone at {team}.",
    ], f"SELECT T1.name, T1.shirt_number FROM {PLAYER_TEAM} WHERE T2.name = '{{team}}'",
        values="SELECT name AS team FROM team"),
    intent("home_games_of_team", [
        "How many home games did {team} play?",
        "Count the games {team} played at home.",
        "What's the number of home fixtures for {team}?",
    ], "SELECT COUNT(*) FROM game AS T1 JOIN team AS T2 ON T1.home_team_id = T2.team_id WHERE T2.name = '{team}'", values="SELECT name AS team FROM team"),
    intent("prolific_scorers", [
        "Which players scored more than {n} goals?",
        "List the players with over {n} goals.",
        "Who has netted more than {n} times?",
    ], f"SELECT T1.name FROM {PLAYER_GOAL} GROUP BY T1.player_id HAVING COUNT(*) > {{n}}", values="SELECT 4 AS n UNION SELECT 6 UNION SELECT 8"),
    intent("biggest_crowd_home_team", [
        "Which home team drew the biggest crowd of the season?",
        "What team hosted the game with the highest attendance?",
        "Name the home side of the best-attended game.",
    ], "SELECT T2.name FROM game AS T1 JOIN team AS T2 ON T1.home_team_id = T2.team_id "
       "ORDER BY T1.attendance DESC LIMIT 1", "superlative"),
    intent("players_without_goals", [
        "Which players have not scored a goal?",
        "List players who haven't scored this season.",
        "Find the players with no goals.",
    ], "SELECT name FROM player WHERE player_id NOT IN (SELECT player_id FROM goal)"),
    intent("late_goals_for_team", [
        "Which {team} players scored after the {minute}th minute?",
        "List {team} players with a goal later than minute {minute}.",
        "Who at {team} has scored after minute {minute}?",
    ], "SELECT DISTINCT T1.name FROM player AS T1 JOIN goal AS T2 ON T1.player_id = T2.player_id "
       "JOIN team AS T3 ON T1.team_id = T3.team_id WHERE T3.name = '{team}' AND T2.minute > {minute}",
        values="SELECT t.name AS team, m.minute FROM team AS t, (SELECT 75 AS minute UNION SELECT 80 UNION SELECT 85) AS m"),
    intent("top_scorer", [
        "Who is the league's top scorer?",
        "Which player has scored the most goals?",
        "Name the player with the highest number of goals.",
    ], f"SELECT T1.name FROM {PLAYER_GOAL} GROUP BY T1.player_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("goals_per_team", [
        "How many goals have each team's players scored? Most first, ties by team name.",
        "Count goals by team, highest first and then alphabetically.",
        "For every team, the total goals by its players, sorted descending (team name breaks ties).",
    ], "SELECT T3.name, COUNT(*) FROM player AS T1 JOIN goal AS T2 ON T1.player_id = T2.player_id "
       "JOIN team AS T3 ON T1.team_id = T3.team_id GROUP BY T3.team_id ORDER BY COUNT(*) DESC, T3.name"),
    intent("won_home_and_away", [
        "Which teams have won both at home and away?",
        "List teams with at least one home win and at least one away win.",
        "Find the clubs that won a game at home and also a game on the road.",
    ], "SELECT T1.name FROM team AS T1 JOIN game AS T2 ON T1.team_id = T2.home_team_id "
       "WHERE T2.home_goals > T2.away_goals INTERSECT "
       "SELECT T1.name FROM team AS T1 JOIN game AS T2 ON T1.team_id = T2.away_team_id "
       "WHERE T2.away_goals > T2.home_goals"),
    intent("above_average_crowds", [
        "Which games at {stadium} had a bigger crowd than average? Show the dates.",
        "List dates of games at {stadium} with above-average attendance.",
        "On which dates did {stadium} host a crowd larger than the league average?",
    ], "SELECT T1.game_date FROM game AS T1 JOIN team AS T2 ON T1.home_team_id = T2.team_id "
       "WHERE T2.stadium_name = '{stadium}' AND T1.attendance > (SELECT AVG(attendance) FROM game)", values="SELECT stadium_name AS stadium FROM team"),
)

DOMAIN = Domain("football_league", "one football league season: teams, players, games and goals",
                SCHEMA, make_rows, INTENTS)
