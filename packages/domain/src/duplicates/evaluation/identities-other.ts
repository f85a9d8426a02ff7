import { type EvalIdentity, r } from './types.js';

/**
 * Filipino, Indonesian, Ethiopian, Kenyan and Ugandan persons: Ma. for Maria, middle
 * (mother's) names and initials, Jr., mononyms and binti, surname-first order, Arabic
 * renderings as Gulf staff write them. Written by hand.
 */
export const OTHER_IDENTITIES: EvalIdentity[] = [
  {
    id: 'ph-01',
    records: [
      r('Maria Cristina Dela Cruz Santos', { dob: '1985-06-12', nat: 'PH', pp: 'P1234567A' }),
      r('ماريا كريستينا سانتوس', { nat: 'PH', ph: '+971 50 120 3344' }),
      r('Ma. Cristina D. Santos', { dob: '1985-06-12', nat: 'PH' }),
      r('Cristina Santos', { year: 1985, nat: 'PH', ph: '00971501203344' }),
    ],
  },
  {
    id: 'ph-02',
    records: [
      r('Jonathan Reyes Bautista', { dob: '1990-09-09', nat: 'PH', pp: 'P7654321B' }),
      r('جوناثان باوتيستا', { nat: 'PH', ph: '+966 55 600 7001' }),
      r('Jonathan R. Bautista', { dob: '1990-09-09', nat: 'PH' }),
      r('Jonathan Bautista', { year: 1990, nat: 'PH', ph: '966556007001' }),
    ],
  },
  {
    id: 'ph-03',
    records: [
      r('Rowena Mae Villanueva', { dob: '1988-02-17', nat: 'PH', pp: 'P2223334C' }),
      r('روينا فيلانويفا', { dob: '1988-02-17', nat: 'PH' }),
      r('Rowena Villanueva', { nat: 'PH', ph: '+974 3121 4151' }),
      r('Rowena M. Villanueva', { year: 1988, nat: 'PH', ph: '97431214151' }),
    ],
  },
  {
    id: 'ph-04',
    records: [
      r('Jessa Mae Dizon', { dob: '1997-05-21', nat: 'PH', pp: 'P5556667D' }),
      r('جيسا ماي ديزون', { nat: 'PH', ph: '+971 56 808 1212' }),
      r('Jesa Mae Dizon', { dob: '1997-05-21', nat: 'PH', note: 'typo' }),
      r('Jessa Dizon', { dob: '1997-05-12', nat: 'PH', ph: '971568081212', note: 'digits swapped' }),
    ],
  },
  {
    id: 'ph-05',
    records: [
      r('Ricardo Manalo Jr.', { dob: '1979-12-03', nat: 'PH', pp: 'P8889990E' }),
      r('ريكاردو مانالو', { dob: '1979-12-03', nat: 'PH' }),
      r('Ricardo D. Manalo', { nat: 'PH', ph: '+965 5566 1122' }),
      r('Ricardo Manalo', { year: 1979, nat: 'PH', ph: '96555661122' }),
    ],
  },
  {
    id: 'ph-06',
    records: [
      r('Marilou Fernandez Aquino', { dob: '1983-08-30', nat: 'PH', pp: 'P3332221F' }),
      r('ماريلو أكينو', { nat: 'PH', ph: '+973 3900 4400' }),
      r('Marilou F. Aquino', { dob: '1983-08-30', nat: 'PH' }),
      r('Marilou Aquino', { year: 1984, nat: 'PH', ph: '97339004400' }),
    ],
  },
  {
    id: 'id-01',
    records: [
      r('Siti Aminah binti Sulaiman', { dob: '1989-04-07', nat: 'ID', pp: 'B1234567' }),
      r('ستي أمينة بنت سليمان', { nat: 'ID', ph: '+966 50 212 1313' }),
      r('Siti Aminah', { dob: '1989-04-07', nat: 'ID' }),
      r('Sity Aminah Sulaiman', { year: 1989, nat: 'ID', ph: '966502121313' }),
    ],
  },
  {
    id: 'id-02',
    records: [
      r('Sri Wahyuni', { dob: '1993-10-18', nat: 'ID', pp: 'C7654321' }),
      r('سري واهيوني', { dob: '1993-10-18', nat: 'ID' }),
      r('Sriwahyuni', { nat: 'ID', ph: '+971 55 330 4455' }),
      r('Sri Wahyuni Ningsih', { year: 1993, nat: 'ID', ph: '971553304455' }),
    ],
  },
  {
    id: 'id-03',
    records: [
      r('Nur Hayati', { dob: '1986-07-29', nat: 'ID', pp: 'A9988776' }),
      r('نور حياتي', { nat: 'ID', ph: '+968 9555 1234' }),
      r('Nurhayati', { dob: '1986-07-29', nat: 'ID' }),
      r('Noor Hayati', { year: 1986, nat: 'ID', ph: '0096895551234' }),
    ],
  },
  {
    id: 'id-04',
    records: [
      r('Dewi Lestari', { dob: '1996-12-25', nat: 'ID', pp: 'B5544332' }),
      r('ديوي ليستاري', { dob: '1996-12-25', nat: 'ID' }),
      r('Dewi Lestary', { nat: 'ID', ph: '+974 5100 2020' }),
      r('Dewi Lestari', { year: 1996, nat: 'ID', ph: '97451002020' }),
    ],
  },
  {
    id: 'id-05',
    records: [
      r('Muhammad Syaiful Anwar', { dob: '1991-03-08', nat: 'ID', pp: 'C1122334' }),
      r('محمد سيف أنور', { nat: 'ID', ph: '+971 52 808 9090' }),
      r('M. Syaiful Anwar', { dob: '1991-03-08', nat: 'ID' }),
      r('Saiful Anwar', { year: 1991, nat: 'ID', ph: '971528089090' }),
    ],
  },
  {
    id: 'id-06',
    records: [
      r('Sutinah', { dob: '1975-05-05', nat: 'ID', pp: 'A2233110', note: 'mononym' }),
      r('سوتينة', { nat: 'ID', ph: '+966 53 700 1188' }),
      r('Sutinah binti Karto', { dob: '1975-05-05', nat: 'ID' }),
      r('Sutina', { year: 1975, nat: 'ID', ph: '966537001188' }),
    ],
  },
  {
    id: 'et-01',
    records: [
      r('Tigist Bekele Alemu', { dob: '1996-01-14', nat: 'ET', pp: 'EP4455667' }),
      r('تيجيست بيكيلي', { nat: 'ET', ph: '+966 55 818 0202' }),
      r('Tigist Bekele', { dob: '1996-01-14', nat: 'ET' }),
      r('Tigst Bekele Alemu', { year: 1996, nat: 'ET', ph: '966558180202', note: 'typo' }),
    ],
  },
  {
    id: 'et-02',
    records: [
      r('Meseret Alemayehu Tadesse', { dob: '1993-09-11', nat: 'ET', pp: 'EP1122009' }),
      r('مسرت ألمايهو', { dob: '1993-09-11', nat: 'ET' }),
      r('Meseret Alemayehu', { nat: 'ET', ph: '+971 50 700 3030' }),
      r('Meserete Alemaheyu', { year: 1994, nat: 'ET', ph: '971507003030', note: 'typo' }),
    ],
  },
  {
    id: 'et-03',
    records: [
      r('Hiwot Kebede Gebre', { dob: '1998-02-06', nat: 'ET', pp: 'EP7788112' }),
      r('هيوت كبدي', { nat: 'ET', ph: '+965 6900 1122' }),
      r('Hiwot Kebede', { dob: '1998-02-06', nat: 'ET' }),
      r('Heywot Kebede', { year: 1998, nat: 'ET', ph: '96569001122' }),
    ],
  },
  {
    id: 'et-04',
    records: [
      r('Tsehay Abebe Worku', { dob: '1990-10-30', nat: 'ET', pp: 'EP3311220' }),
      r('تسهاي أبيبي', { dob: '1990-10-30', nat: 'ET' }),
      r('Tsehai Abebe', { nat: 'ET', ph: '+974 3010 9988' }),
      r('Tsehay Abebe', { year: 1991, nat: 'ET', ph: '97430109988' }),
    ],
  },
  {
    id: 'ke-01',
    records: [
      r('Mercy Wanjiku Kamau', { dob: '1994-06-19', nat: 'KE', pp: 'AK0123456' }),
      r('ميرسي وانجيكو كاماو', { nat: 'KE', ph: '+971 55 901 7788' }),
      r('Mercy Wanjiku', { dob: '1994-06-19', nat: 'KE' }),
      r('Wanjiku Mercy Kamau', { year: 1994, nat: 'KE', ph: '971559017788', note: 'order' }),
    ],
  },
  {
    id: 'ke-02',
    records: [
      r('Joseph Otieno Odhiambo', { dob: '1989-11-11', nat: 'KE', pp: 'AK0987654' }),
      r('جوزيف أوتينو', { nat: 'KE', ph: '+966 50 333 2211' }),
      r('Joseph Otieno', { dob: '1989-11-11', nat: 'KE' }),
      r('Josef Otieno Odiambo', { year: 1989, nat: 'KE', ph: '966503332211' }),
    ],
  },
  {
    id: 'ke-03',
    records: [
      r('Faith Akinyi Ouma', { dob: '1997-03-22', nat: 'KE', pp: 'AK1122334' }),
      r('فيث أكيني أوما', { dob: '1997-03-22', nat: 'KE' }),
      r('Faith Akinyi', { nat: 'KE', ph: '+974 5500 6677' }),
      r('Faith Ouma', { year: 1997, nat: 'KE', ph: '97455006677' }),
    ],
  },
  {
    id: 'ug-01',
    records: [
      r('Nabirye Sarah', { dob: '1995-08-15', nat: 'UG', pp: 'B1472583', note: 'surname first' }),
      r('سارة نابيري', { nat: 'UG', ph: '+971 56 123 9876' }),
      r('Sarah Nabirye', { dob: '1995-08-15', nat: 'UG' }),
      r('Sara Nabiirye', { year: 1995, nat: 'UG', ph: '971561239876' }),
    ],
  },
  {
    id: 'ug-02',
    records: [
      r('Joseph Ssemakula Mukasa', { dob: '1987-12-28', nat: 'UG', pp: 'B9638527' }),
      r('جوزيف سيماكولا', { nat: 'UG', ph: '+966 59 414 2424' }),
      r('Ssemakula Joseph', { dob: '1987-12-28', nat: 'UG' }),
      r('Joseph Semakula', { year: 1987, nat: 'UG', ph: '966594142424' }),
    ],
  },
  {
    id: 'ug-03',
    records: [
      r('Aisha Nakato', { dob: '1999-01-09', nat: 'UG', pp: 'B7418529' }),
      r('عائشة ناكاتو', { dob: '1999-01-09', nat: 'UG' }),
      r('Nakato Aisha', { nat: 'UG', ph: '+973 3777 8899' }),
      r('Ayesha Nakato', { year: 1999, nat: 'UG', ph: '97337778899' }),
    ],
  },
];
