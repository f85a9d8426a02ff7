import { type EvalIdentity, r } from './types.js';

/**
 * Hindu and Sikh Indian, Nepali and Sri Lankan persons: initials for father's or
 * village names, Kumar/Kr., aspirated th/dh/bh spelt or not, Arabic-script renderings
 * as Gulf staff write them. Written by hand.
 */
export const SOUTH_ASIA_OTHER_IDENTITIES: EvalIdentity[] = [
  {
    id: 'hi-01',
    records: [
      r('Rajesh Kumar Yadav', { dob: '1986-05-14', nat: 'IN', pp: 'K2233445', ph: '+971 50 881 2299' }),
      r('راجيش كومار ياداف', { nat: 'IN', ph: '00971508812299' }),
      r('Rajesh Yadav', { dob: '1986-05-14', nat: 'IN' }),
      r('Yadav Rajes Kumar', { year: 1986, nat: 'IN', pp: 'k 2233445', note: 'order, typo' }),
    ],
  },
  {
    id: 'hi-02',
    records: [
      r('Lakshmi Devi Pasupuleti', { dob: '1980-01-26', nat: 'IN', pp: 'J5566123' }),
      r('لاكشمي ديفي', { nat: 'IN', ph: '+968 9700 1122' }),
      r('Laxmi Devi', { dob: '1980-01-26', nat: 'IN' }),
      r('P. Lakshmi Devi', { year: 1980, nat: 'IN', ph: '96897001122', note: 'initial for surname' }),
    ],
  },
  {
    id: 'hi-03',
    records: [
      r('Suresh Babu Nair', { dob: '1978-09-19', nat: 'IN', pp: 'G1100223' }),
      r('سوريش بابو ناير', { nat: 'IN', ph: '+965 9955 3311' }),
      r('Suresh Babu', { dob: '1978-09-19', nat: 'IN' }),
      r('Suresh B. Nair', { year: 1978, nat: 'IN', ph: '96599553311' }),
    ],
  },
  {
    id: 'hi-04',
    records: [
      r('Ram Bahadur Thapa', { dob: '1990-04-13', nat: 'NP', pp: '09876543', ph: '+974 3300 2211' }),
      r('رام بهادور ثابا', { nat: 'NP', ph: '0097433002211' }),
      r('Ram B. Thapa Magar', { dob: '1990-04-13', nat: 'NP' }),
      r('Rambahadur Thapa', { year: 1990, nat: 'NP', pp: '0987 6543' }),
    ],
  },
  {
    id: 'hi-05',
    records: [
      r('Sita Kumari Shrestha', { dob: '1995-08-02', nat: 'NP', pp: '10293844' }),
      r('سيتا شريستا', { nat: 'NP', ph: '+971 55 010 2030' }),
      r('Seeta Kumari Shrestha', { dob: '1995-08-02', nat: 'NP' }),
      r('Sita Shrestha', { year: 1995, nat: 'NP', ph: '971550102030' }),
    ],
  },
  {
    id: 'hi-06',
    records: [
      r('Anitha Selvaraj', { dob: '1992-11-30', nat: 'IN', pp: 'N6677001' }),
      r('أنيتا سيلفاراج', { nat: 'IN', ph: '+966 58 333 1100' }),
      r('Anita Selvaraj', { dob: '1992-11-30', nat: 'IN' }),
      r('S. Anitha', { year: 1992, nat: 'IN', ph: '966583331100', note: 'Tamil initial' }),
    ],
  },
  {
    id: 'hi-07',
    records: [
      r('Gurpreet Singh Sandhu', { dob: '1988-03-05', nat: 'IN', pp: 'P8899001' }),
      r('غوربريت سينغ', { nat: 'IN', ph: '+971 52 300 7788' }),
      r('Gurpreet Singh', { dob: '1988-03-05', nat: 'IN' }),
      r('Gurprit Singh Sandhu', { year: 1988, nat: 'IN', ph: '00971523007788' }),
    ],
  },
  {
    id: 'hi-08',
    records: [
      r('Pradeep Kumara Wijesinghe', { dob: '1984-12-24', nat: 'LK', pp: 'N4455667' }),
      r('براديب ويجيسينغ', { nat: 'LK', ph: '+973 3444 5566' }),
      r('Pradeep Wijesinghe', { dob: '1984-12-24', nat: 'LK' }),
      r('W. Pradip Kumara', { year: 1985, nat: 'LK', ph: '97334445566', note: 'initial for surname' }),
    ],
  },
  {
    id: 'hi-09',
    records: [
      r('Nirmala Kumari Perera', { dob: '1979-06-16', nat: 'LK', pp: 'N1122119' }),
      r('نيرمالا بيريرا', { dob: '1979-06-16', nat: 'LK' }),
      r('Nirmala Perera', { nat: 'LK', ph: '+966 54 120 1201' }),
      r('Nirmala Pereira', { year: 1979, nat: 'LK', ph: '966541201201' }),
    ],
  },
  {
    id: 'hi-10',
    records: [
      r('Bishnu Prasad Adhikari', { dob: '1987-02-09', nat: 'NP', pp: '07766112' }),
      r('بيشنو براساد أديكاري', { nat: 'NP', ph: '+971 56 212 3434' }),
      r('Bishnu P. Adhikari', { dob: '1987-02-09', nat: 'NP' }),
      r('Bisnu Prasad Adhikary', { year: 1987, nat: 'NP', ph: '971562123434' }),
    ],
  },
  {
    id: 'hi-11',
    records: [
      r('Venkatesh Rao Gudivada', { dob: '1983-07-01', nat: 'IN', pp: 'L3344112' }),
      r('فينكاتيش راو', { nat: 'IN', ph: '+965 6000 1200' }),
      r('G. Venkatesh Rao', { dob: '1983-07-01', nat: 'IN', note: 'village initial' }),
      r('Venkatesh Rao', { year: 1983, nat: 'IN', ph: '96560001200' }),
    ],
  },
  {
    id: 'hi-12',
    records: [
      r('Priya Rani Das', { dob: '1998-10-10', nat: 'IN', pp: 'T5566443' }),
      r('بريا داس', { dob: '1998-10-10', nat: 'IN' }),
      r('Priya Das', { nat: 'IN', ph: '+971 50 444 3322' }),
      r('Priya Rani Dass', { year: 1998, nat: 'IN', ph: '00971504443322' }),
    ],
  },
  {
    id: 'hi-13',
    records: [
      r('Manoj Kumar Sharma', { dob: '1991-01-31', nat: 'NP', pp: '08899001' }),
      r('مانوج كومار شارما', { nat: 'NP', ph: '+974 7711 2200' }),
      r('Manoj Kr. Sharma', { dob: '1991-01-31', nat: 'NP' }),
      r('Manoj Sharma', { year: 1991, nat: 'NP', ph: '97477112200' }),
    ],
  },
  {
    id: 'hi-14',
    records: [
      r('Dil Maya Tamang', { dob: '1994-09-23', nat: 'NP', pp: '09911887' }),
      r('ديل مايا تامانغ', { nat: 'NP', ph: '+971 58 100 9090' }),
      r('Dilmaya Tamang', { dob: '1994-09-23', nat: 'NP' }),
      r('Dil Maya Tamang', { year: 1993, nat: 'NP', ph: '971581009090' }),
    ],
  },
  {
    id: 'hi-15',
    records: [
      r('Sunil Shantha Fernando', { dob: '1982-04-04', nat: 'LK', pp: 'N9988770' }),
      r('سونيل فرناندو', { dob: '1982-04-04', nat: 'LK' }),
      r('Sunil Fernando', { nat: 'LK', ph: '+968 9345 6789' }),
      r('Sunil Santha Fernando', { year: 1982, nat: 'LK', ph: '0096893456789' }),
    ],
  },
];
